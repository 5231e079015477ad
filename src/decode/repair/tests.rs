use super::*;

fn run(text: &str, origin: Origin) -> (String, Vec<RepairCount>) {
    let mut log = RepairLog::default();
    let repaired = repair(text, origin, &RepairOptions::default(), &mut log).into_owned();
    (repaired, log.into_counts())
}

#[test]
fn clean_text_is_borrowed() {
    let mut log = RepairLog::default();
    for clean in [
        "国务院新闻办公室（国新办）今天举行发布会。",
        "Plain English (with parentheses) & more.",
        "",
    ] {
        let out = repair(clean, Origin::PlainText, &RepairOptions::default(), &mut log);
        assert!(matches!(out, Cow::Borrowed(_)), "{clean}");
    }
    assert!(log.into_counts().is_empty());
}

#[test]
fn disabled_repairs_do_not_run() {
    let opts = RepairOptions {
        disabled: vec![PINYIN_ANNOTATION.to_string()],
    };
    let mut log = RepairLog::default();
    let out = repair("產(chǎn)業</p>", Origin::PlainText, &opts, &mut log);
    assert_eq!(out, "產(chǎn)業");
    assert_eq!(log.count(PINYIN_ANNOTATION), 0);
    assert_eq!(log.count(LEAKED_MARKUP), 1);
}

#[test]
fn markup_stays_in_html_text() {
    let (out, counts) = run("讨论 <p> 标签的用法 &amp; 实体", Origin::HtmlText);
    assert_eq!(out, "讨论 <p> 标签的用法 &amp; 实体");
    assert!(counts.is_empty());
}

#[test]
fn high_byte_runs() {
    assert!(!has_high_byte_run(b"plain", 1));
    assert!(has_high_byte_run(b"", 0));
    assert!(has_high_byte_run("a“b".as_bytes(), 3));
    assert!(!has_high_byte_run("a“b".as_bytes(), 4));
    assert!(has_high_byte_run("é“".as_bytes(), 5));
    assert!(!has_high_byte_run("é “".as_bytes(), 4));
    assert!(has_high_byte_run("xx鍙戝".as_bytes(), 6));
    assert!(!has_high_byte_run("鍙?戝".as_bytes(), 4));
}

/// The whole BMP and a sample of the astral planes.
fn bmp_and_astral_sample() -> impl Iterator<Item = char> {
    (0..=0xFFFF)
        .chain((0x10000..=0x10FFFF).step_by(97))
        .filter_map(char::from_u32)
}

#[test]
fn encode_gbk_answers_as_the_encoder() {
    let chars = bmp_and_astral_sample();
    for c in chars {
        let table = encode_gbk(c, &mut [0u8; 8]).map(<[u8]>::to_vec);
        let encoder = encode_char(encoding_rs::GBK, c, &mut [0u8; 8]).map(<[u8]>::to_vec);
        assert_eq!(table, encoder, "{c:?}");
    }
}

#[test]
fn encode_char_answers_as_encode() {
    use encoding_rs::{GBK, WINDOWS_1252};
    // For both encodings the repairs use.
    let chars = bmp_and_astral_sample();
    for c in chars {
        for encoding in [GBK, WINDOWS_1252] {
            let mut utf8 = [0u8; 4];
            let (bytes, _, unmappable) = encoding.encode(c.encode_utf8(&mut utf8));
            let old = (!unmappable).then(|| bytes.into_owned());
            let new = encode_char(encoding, c, &mut [0u8; 8]).map(<[u8]>::to_vec);
            assert_eq!(old, new, "{} {c:?}", encoding.name());
        }
    }
}
