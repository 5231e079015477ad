use super::*;

fn run(bytes: &[u8], html: bool, transport: Option<&str>) -> Decoded {
    decode(
        bytes,
        &Hints {
            transport,
            url: None,
            html,
        },
        &DecodeOptions::default(),
    )
    .unwrap()
}

fn gbk(text: &str) -> Vec<u8> {
    GBK.encode(text).0.into_owned()
}

const ZH: &str = "国务院新闻办公室今天上午举行新闻发布会，国家统计局新闻发言人介绍了一季度国民经济运行情况。\
                  数据显示，经济运行开局良好，就业形势总体稳定，居民消费价格温和上涨。";
const ZH_HANT: &str = "國務院新聞辦公室今天上午舉行新聞發佈會，國家統計局新聞發言人介紹了一季度國民經濟運行情況。\
                       數據顯示，經濟運行開局良好，就業形勢總體穩定，居民消費價格溫和上漲。";

#[test]
fn bom_wins_over_everything() {
    let decoded = run(b"\xef\xbb\xbf<meta charset=gbk>\xe4\xb8\xad", true, Some("big5"));
    assert_eq!(decoded.encoding.source, Some("bom"));
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
    assert_eq!(decoded.text, "<meta charset=gbk>中");
    let utf16: Vec<u8> = b"\xff\xfe"
        .iter()
        .copied()
        .chain("<p>中文</p>".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let decoded = run(&utf16, true, Some("gbk"));
    assert_eq!(decoded.encoding.name, Some("UTF-16LE"));
    assert_eq!(decoded.text, "<p>中文</p>");
}

#[test]
fn meta_charset() {
    let decoded = run(b"<meta charset=\"gb2312\"><p>\xd6\xd0\xce\xc4</p>", true, None);
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert_eq!(decoded.encoding.source, Some("meta"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("gb2312"));
    assert_eq!(decoded.text, "<meta charset=\"gb2312\"><p>中文</p>");
}

#[test]
fn meta_is_not_read_in_plain_text() {
    let mut bytes = b"<meta charset=big5> ".to_vec();
    bytes.extend(gbk(ZH));
    let decoded = run(&bytes, false, None);
    assert_eq!(decoded.encoding.source, Some("detected"));
    assert_eq!(decoded.encoding.name, Some("GBK"));
}

#[test]
fn transport_beats_meta() {
    let mut bytes = b"<meta charset=big5><p>".to_vec();
    bytes.extend(gbk(ZH));
    let decoded = run(&bytes, true, Some("GB2312"));
    assert_eq!(decoded.encoding.source, Some("transport"));
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("GB2312"));
    assert!(decoded.text.ends_with(ZH));
}

#[test]
fn override_beats_transport_and_is_trusted() {
    let bytes = "<meta charset=gbk><p>中文</p>".as_bytes();
    let opts = DecodeOptions {
        encoding_override: Some(WINDOWS_1252),
        ..DecodeOptions::default()
    };
    let hints = Hints {
        transport: Some("utf-8"),
        url: None,
        html: true,
    };
    let decoded = decode(bytes, &hints, &opts).unwrap();
    assert_eq!(decoded.encoding.name, Some("windows-1252"));
    assert_eq!(decoded.encoding.source, Some("transport"));
}

#[test]
fn unknown_transport_label_falls_through_to_meta() {
    let decoded = run(b"<meta charset=gbk><p>\xd6\xd0\xce\xc4</p>", true, Some("x-no-such"));
    assert_eq!(decoded.encoding.source, Some("meta"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("x-no-such"));
    assert_eq!(decoded.encoding.name, Some("GBK"));
}

#[test]
fn real_world_alias_in_transport() {
    let decoded = run(&gbk(ZH), false, Some("cp936"));
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert_eq!(decoded.encoding.source, Some("transport"));
    assert_eq!(decoded.text, ZH);
}

#[test]
fn declared_gb2312_over_valid_utf8_is_utf8() {
    let html = format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>{ZH}</p>");
    let decoded = run(html.as_bytes(), true, None);
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
    assert_eq!(decoded.encoding.source, Some("detected"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("gb2312"));
    assert!(decoded.text.contains(ZH));
}

#[test]
fn declared_legacy_over_ascii_stays() {
    let decoded = run(b"<meta charset=koi8><p>ascii only</p>", true, None);
    assert_eq!(decoded.encoding.name, Some("KOI8-R"));
    assert_eq!(decoded.encoding.source, Some("meta"));
}

#[test]
fn declared_utf8_over_gbk_is_redetected() {
    let mut bytes = b"<meta charset=utf-8><p>".to_vec();
    bytes.extend(gbk(ZH));
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert_eq!(decoded.encoding.source, Some("detected"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("utf-8"));
    assert!(decoded.text.ends_with(ZH));
}

#[test]
fn declared_utf8_with_a_stray_byte_stays_utf8() {
    let mut bytes = format!("<meta charset=utf-8><p>{ZH}</p>").into_bytes();
    bytes.insert(23, 0xFF);
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
    assert_eq!(decoded.encoding.source, Some("meta"));
    assert_eq!(decoded.encoding.malformed, 1);
}

#[test]
fn declared_latin1_over_gbk_chinese_is_gbk() {
    let mut bytes = b"<meta charset=iso-8859-1><p>".to_vec();
    bytes.extend(gbk(ZH));
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert_eq!(decoded.encoding.source, Some("detected"));
}

#[test]
fn declared_gbk_over_big5_is_big5() {
    let mut bytes = b"<meta charset=gbk><p>".to_vec();
    bytes.extend(BIG5.encode(ZH_HANT).0.iter());
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("Big5"));
    assert!(decoded.text.ends_with(ZH_HANT));
}

#[test]
fn declared_latin1_over_french_stays() {
    let bytes = WINDOWS_1252
        .encode("<meta charset=iso-8859-1><p>Le café était très animé à Noël, déjà l'été.</p>")
        .0;
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("windows-1252"));
    assert_eq!(decoded.encoding.source, Some("meta"));
    assert!(decoded.text.contains("café était"));
}

#[test]
fn declared_gbk_over_gbk_stays() {
    let mut bytes = b"<meta charset=gbk><p>".to_vec();
    bytes.extend(gbk(ZH_HANT));
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert_eq!(decoded.encoding.source, Some("meta"));
}

#[test]
fn detection_without_declaration() {
    let decoded = run(&gbk(ZH), false, None);
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert_eq!(decoded.encoding.source, Some("detected"));
    assert_eq!(decoded.encoding.declared, None);
    let decoded = run(&BIG5.encode(ZH_HANT).0, false, None);
    assert_eq!(decoded.encoding.name, Some("Big5"));
    let decoded = run(ZH.as_bytes(), true, None);
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
}

#[test]
fn a_few_dos_letters_in_latin_words_are_not_cjk() {
    // IBM437's `í`, `ä`, `ü` (0xA1, 0x84, 0x81) pair with the letters after them into valid
    // Big5 and Shift_JIS characters wedged into Latin words; chardetng takes the short texts
    // for Chinese and Japanese.
    let spanish = b"Los profesionales pon\xa1an de manifiesto que por estar\xa1a cometiendo un error.";
    assert!(reads_as_latin_words(BIG5, spanish));
    let decoded = run(spanish, false, None);
    assert_eq!(
        decoded.text, "Los profesionales ponían de manifiesto que por estaría cometiendo un error.",
        "{:?}",
        decoded.encoding.name
    );
    let german = b"Im Rahmen der Vulnerabilit\x84t im Umfeld der Sch\x81ler.";
    assert!(reads_as_latin_words(SHIFT_JIS, german));
    let name = run(german, false, None).encoding.name.unwrap_or_default();
    assert!(
        !["Shift_JIS", "Big5", "EUC-JP", "EUC-KR", "GBK"].contains(&name),
        "{name}"
    );
    // Japanese with Latin words in it runs its characters together.
    let japanese = SHIFT_JIS
        .encode("新しいiPhoneを発売しました。Appleの発表によると、価格は据え置きです。")
        .0;
    assert!(!reads_as_latin_words(SHIFT_JIS, &japanese));
    assert_eq!(run(&japanese, false, None).encoding.name, Some("Shift_JIS"));
    assert!(!reads_as_latin_words(GBK, &gbk(ZH)));
}

#[test]
fn ascii_gets_the_default() {
    let decoded = run(b"<p>hello</p>", true, None);
    assert_eq!(decoded.encoding.name, Some("windows-1252"));
    assert_eq!(decoded.encoding.source, Some("default"));
    let decoded = run(b"hello", false, None);
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
    assert_eq!(decoded.encoding.source, Some("default"));
}

#[test]
fn tld_hint_only_when_the_bytes_agree() {
    assert_eq!(top_level_domain("http://www.example.co.jp/a?b"), Some("jp".into()));
    assert_eq!(top_level_domain("https://user@Example.RU:8080/"), Some("ru".into()));
    assert_eq!(top_level_domain("http://127.0.0.1/"), None);
    assert_eq!(top_level_domain("http://[::1]/"), None);
    assert_eq!(top_level_domain("http://例子.测试/"), None);
    // Chinese GBK bytes served from a .jp mirror stay GBK.
    let hints = Hints {
        transport: None,
        url: Some("http://spam-mirror.jp/page.html"),
        html: false,
    };
    let decoded = decode(&gbk(ZH), &hints, &DecodeOptions::default()).unwrap();
    assert_eq!(decoded.encoding.name, Some("GBK"));
}

#[test]
fn utf16_meta_means_utf8() {
    let decoded = run("<meta charset=\"utf-16\"><p>中文</p>".as_bytes(), true, None);
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
    assert_eq!(decoded.text, "<meta charset=\"utf-16\"><p>中文</p>");
}

#[test]
fn utf16_transport_over_ascii_bytes_is_ignored() {
    let decoded = run("<p>中文</p>".as_bytes(), true, Some("utf-16"));
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("utf-16"));
}

#[test]
fn x_user_defined_means_windows_1252() {
    let decoded = run(b"<meta charset=x-user-defined><p>caf\xe9</p>", true, None);
    assert_eq!(decoded.encoding.name, Some("windows-1252"));
    assert!(decoded.text.contains("café"));
    let decoded = run(b"caf\xe9", false, Some("x-user-defined"));
    assert_eq!(decoded.encoding.name, Some("windows-1252"));
}

#[test]
fn malformed_sequences_are_counted() {
    let mut bytes = "中文a".as_bytes().to_vec();
    bytes.push(0xFF);
    bytes.extend("b中文".as_bytes());
    bytes.push(0xFE);
    let decoded = run(&bytes, false, Some("utf-8"));
    assert_eq!(decoded.text, "中文a\u{FFFD}b中文\u{FFFD}");
    assert_eq!(decoded.encoding.malformed, 2);
    assert_eq!(decoded.encoding.source, Some("transport"));
}

#[test]
fn binary_is_an_error() {
    let hints = Hints::default();
    let opts = DecodeOptions::default();
    assert_eq!(
        decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", &hints, &opts),
        Err(DecodeError::Binary("PDF"))
    );
    assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &hints, &opts).is_err());
}

#[test]
fn utf32_and_iso2022kr() {
    let text = "Hello UTF-32 world, this is text.";
    let bytes: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_le_bytes()).collect();
    let decoded = run(&bytes, false, None);
    assert_eq!(decoded.encoding.name, Some("UTF-32LE"));
    assert_eq!(decoded.text, text);
    let decoded = run(b"\x1B$)Cabc \x0E\x47\x51\x31\x39\x0F def", false, None);
    assert_eq!(decoded.encoding.name, Some("ISO-2022-KR"));
    assert_eq!(decoded.text, "abc 한국 def");
    let decoded = run(b"\x1B$)Cabc \x0E\x47\x51\x0F", false, Some("iso-2022-kr"));
    assert_eq!(decoded.encoding.source, Some("transport"));
    assert_eq!(decoded.text, "abc 한");
}

#[test]
fn never_panics_on_odd_input() {
    for bytes in [
        &b""[..],
        b"<",
        b"<meta",
        b"<meta charset=",
        b"<!--",
        b"\xff\xfe\x00",
        b"\x00\x00\xfe\xff\x00",
        b"\x1b$)C\x0e\x47",
        b"\xe4\xb8",
    ] {
        let _ = decode(
            bytes,
            &Hints {
                html: true,
                ..Hints::default()
            },
            &DecodeOptions::default(),
        );
        let hints = Hints {
            transport: Some("utf-32"),
            url: Some("http://X.Y.Z:99"),
            html: false,
        };
        let _ = decode(bytes, &hints, &DecodeOptions::default());
    }
}

#[test]
fn xml_declaration_counts_as_in_document_declaration() {
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"IBM855\"?>\n<rss><title>".to_vec();
    bytes.extend([0xDD, 0xE2, 0xB8, 0xEC, 0xA9, 0xE6]);
    bytes.extend(b"</title></rss>");
    let decoded = run(&bytes, false, None);
    assert_eq!(decoded.encoding.name, Some("IBM855"));
    assert_eq!(decoded.encoding.source, Some("meta"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("IBM855"));
    assert!(decoded.text.contains("ПРИВЕТ"));
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"MacCyrillic\"?>\n<p>".to_vec();
    bytes.extend(encoding_rs::X_MAC_CYRILLIC.encode("Привет, мир").0.iter());
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("x-mac-cyrillic"));
    assert!(decoded.text.contains("Привет, мир"));
    // A <meta> wins over the XML declaration in HTML.
    let decoded = run(
        b"<?xml version=\"1.0\" encoding=\"big5\"?><meta charset=gbk><p>\xd6\xd0</p>",
        true,
        None,
    );
    assert_eq!(decoded.encoding.name, Some("GBK"));
}

fn in_single_byte(page: &single_byte::SingleByte, text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else {
                (0x80..=0xFFu8)
                    .find(|b| page.decode(&[*b]).0.starts_with(c))
                    .unwrap_or(b'?')
            }
        })
        .collect()
}

#[test]
fn greek_in_a_dos_page_taken_for_cyrillic_is_greek() {
    let greek = "Ορισμένοι από τους λιγοστούς πελάτες σηκώνονται, πάνε να κοιτάξουν τα βιβλία στο ράφι.";
    let bytes = in_single_byte(&single_byte::IBM869, greek);
    // chardetng takes it for windows-1251.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(&bytes, true);
    assert_eq!(
        detector.guess(None, chardetng::Utf8Detection::Deny),
        encoding_rs::WINDOWS_1251
    );
    let decoded = run(&bytes, false, None);
    assert_eq!(decoded.text, greek, "{:?}", decoded.encoding.name);
    // Russian stays Cyrillic.
    let russian = "Москва — столица России, крупнейший по численности населения город страны.";
    assert_eq!(
        run(&encoding_rs::WINDOWS_1251.encode(russian).0, false, None).text,
        russian
    );
    assert!(cyrillic::reads_as_cyrillic(
        &encoding_rs::WINDOWS_1251.encode(russian).0
    ));
    assert!(!cyrillic::reads_as_cyrillic(&bytes));
}

#[test]
fn text_that_needs_no_decoding_is_the_bytes_as_a_decoder_would_give_them() {
    let valid: [&[u8]; 4] = [
        b"\xef\xbb\xbfplain \xe4\xb8\xad",
        b"ascii only, \x1b and \x7f",
        "caf\u{e9} \u{4e2d}".as_bytes(),
        b"",
    ];
    let charsets = [
        Charset::Whatwg(UTF_8),
        Charset::Whatwg(WINDOWS_1252),
        Charset::Whatwg(SHIFT_JIS),
        Charset::Whatwg(GBK),
        Charset::Whatwg(encoding_rs::ISO_2022_JP),
        Charset::Iso2022Kr,
    ];
    for bytes in valid {
        for charset in charsets {
            let bom_len = if charset == Charset::Whatwg(UTF_8) && bytes.starts_with(b"\xef\xbb\xbf") {
                3
            } else {
                0
            };
            let text = String::from_utf8(bytes.to_vec()).unwrap();
            assert_eq!(
                decode_valid_utf8(charset, bom_len, text),
                charset.decode(&bytes[bom_len..]),
                "{bytes:?} as {}",
                charset.name()
            );
        }
    }
}

/// The counting decoder as it was before its scratch buffer: one
/// `decode_to_string_without_replacement` call per malformed sequence (quadratic, so only for
/// short inputs), the reference its output must equal.
fn decode_counting_by_string(encoding: &'static Encoding, bytes: &[u8]) -> (String, u64) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(0));
    let mut malformed = 0;
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                malformed += 1;
                text.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => text.reserve(rest.len() * 3 + 16),
        }
    }
    (text, malformed)
}

const ALL_WHATWG: &[&Encoding] = &[
    encoding_rs::BIG5,
    encoding_rs::EUC_JP,
    encoding_rs::EUC_KR,
    encoding_rs::GB18030,
    encoding_rs::GBK,
    encoding_rs::IBM866,
    encoding_rs::ISO_2022_JP,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_3,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_5,
    encoding_rs::ISO_8859_6,
    encoding_rs::ISO_8859_7,
    encoding_rs::ISO_8859_8,
    encoding_rs::ISO_8859_8_I,
    encoding_rs::ISO_8859_10,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_14,
    encoding_rs::ISO_8859_15,
    encoding_rs::ISO_8859_16,
    encoding_rs::KOI8_R,
    encoding_rs::KOI8_U,
    encoding_rs::MACINTOSH,
    encoding_rs::REPLACEMENT,
    encoding_rs::SHIFT_JIS,
    encoding_rs::UTF_16BE,
    encoding_rs::UTF_16LE,
    encoding_rs::UTF_8,
    encoding_rs::WINDOWS_874,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1255,
    encoding_rs::WINDOWS_1256,
    encoding_rs::WINDOWS_1257,
    encoding_rs::WINDOWS_1258,
    encoding_rs::X_MAC_CYRILLIC,
    encoding_rs::X_USER_DEFINED,
];

/// Random bytes that meet every decoder's edge cases: lead bytes without trail, trail bytes
/// alone, ISO-2022-JP escapes (empty ones too), UTF-16 surrogates, long and short runs.
fn hostile_bytes(random: &mut crate::testing::Random, len: usize) -> Vec<u8> {
    const PIECES: &[&[u8]] = &[
        b"\x1b$B",
        b"\x1b(B",
        b"\x1b(J",
        b"\x1b(I",
        b"\x1b$@",
        b"\x1b",
        b"\x00\xd8",
        b"\xd8\x00",
        b"\x00\xdc",
        b"\xdc\x00",
        b"\xff",
        b"\x80",
        b"\x8e",
        b"\x8f",
        b"\xa1\xa1",
        b"\xd6\xd0",
        b"\x81\x30\x81\x30",
        b"\xe4\xb8\xad",
        b"\xe4\xb8",
        b"\xf0\x9f\x98\x80",
        b"\xed\xa0\x80",
        b"<p>",
        b"a",
        b"\n",
        b"$B",
        b"(B",
    ];
    let mut bytes = Vec::with_capacity(len + 8);
    while bytes.len() < len {
        if random.chance(40) {
            bytes.push(random.next() as u8);
        } else {
            bytes.extend_from_slice(PIECES[random.below(PIECES.len())]);
        }
    }
    bytes
}

#[test]
fn counting_decoder_matches_the_string_decoder_on_random_bytes() {
    let mut random = crate::testing::Random(0x15_decade);
    for &encoding in ALL_WHATWG {
        for round in 0..300 {
            // Mostly short strings; now and then one past the scratch buffer, so characters and
            // malformed sequences straddle its refills.
            let len = if round % 50 == 0 {
                40_000 + random.below(2_000)
            } else {
                random.below(120)
            };
            let bytes = hostile_bytes(&mut random, len);
            assert_eq!(
                decode_counting(encoding, &bytes),
                decode_counting_by_string(encoding, &bytes),
                "{} on {:?}",
                encoding.name(),
                &bytes[..bytes.len().min(200)]
            );
        }
        // Valid text of the encoding, long enough to refill the scratch many times.
        let long = ZH.repeat(200);
        let (encoded, _, _) = encoding.encode(&long);
        assert_eq!(
            decode_counting(encoding, &encoded),
            decode_counting_by_string(encoding, &encoded),
            "{}",
            encoding.name()
        );
    }
}

/// Chinese text with a few broken bytes (a character cut in half, a stray byte) and no
/// declaration is still read as Chinese; chardetng alone rules GBK out at the first broken
/// sequence and reads the page as Greek or DOS soup.
#[test]
fn chinese_with_a_few_broken_bytes_stays_chinese() {
    let text = format!("{ZH}{ZH}{ZH}");
    let mut bytes = gbk(&text);
    bytes.insert(40, 0xFF);
    bytes.remove(121);
    bytes.insert(200, 0xB0);
    let decoded = run(&bytes, true, None);
    assert_eq!(decoded.encoding.name, Some("GBK"));
    assert!(decoded.encoding.malformed > 0);
    let mut bytes = BIG5.encode(&format!("{ZH_HANT}{ZH_HANT}{ZH_HANT}")).0.into_owned();
    bytes.insert(60, 0xFF);
    bytes.remove(151);
    assert_eq!(run(&bytes, true, None).encoding.name, Some("Big5"));
}

/// Single-byte texts whose high bytes happen to pair up stay single-byte: their pairs read as
/// rare characters, not as Chinese.
#[test]
fn single_byte_text_is_not_read_as_broken_chinese() {
    for (encoding, text) in [
        (
            encoding_rs::WINDOWS_1253,
            "Η Αθήνα είναι η πρωτεύουσα και μεγαλύτερη πόλη της Ελλάδας. Η ιστορία της ξεπερνά τις τρεις \
             χιλιάδες χρόνια, και σήμερα είναι σημαντικό οικονομικό κέντρο της χώρας.",
        ),
        (
            encoding_rs::WINDOWS_1251,
            "Москва является столицей России и крупнейшим городом страны. Правительство утвердило \
             новый бюджет, который предусматривает рост расходов на образование и медицину.",
        ),
        (
            encoding_rs::WINDOWS_1252,
            "Le café était très animé à Noël, déjà l’été; où sont les élèves? Ça va, répondit-elle, \
             en déposant les crêpes sur la table près de la fenêtre ensoleillée.",
        ),
    ] {
        let bytes = encoding.encode(text).0.into_owned();
        let decoded = run(&bytes, true, None);
        assert_ne!(decoded.encoding.name, Some("GBK"), "{text}");
        assert_ne!(decoded.encoding.name, Some("Big5"), "{text}");
    }
}

#[test]
fn a_replacement_encoding_label_does_not_blank_the_page() {
    // WHATWG maps these labels to the replacement encoding, which decodes a whole page to one
    // U+FFFD; the page is decoded by what its bytes are instead.
    for label in ["replacement", "hz-gb-2312", "csiso2022kr"] {
        let mut page = format!("<html><head><meta charset=\"{label}\"></head><body><p>").into_bytes();
        page.extend(gbk(ZH));
        page.extend(b"</p></body></html>");
        let decoded = run(&page, true, None);
        assert!(decoded.text.contains(ZH), "{label}: {:?}", decoded.text);
        assert_eq!(decoded.encoding.declared.as_deref(), Some(label));
        let decoded = run(&page, true, Some(label));
        assert!(decoded.text.contains(ZH), "transport {label}: {:?}", decoded.text);
    }
    let decoded = run(b"<meta charset=\"iso-2022-kr\">\x1B$)Cabc \x0E\x47\x51\x0F", true, None);
    assert_eq!(decoded.encoding.name, Some("ISO-2022-KR"));
    assert!(decoded.text.ends_with("abc 한"), "{:?}", decoded.text);
}

/// A Russian page in KOI8-R whose only declaration comes after `padding` bytes of comment.
fn koi8_page(padding: usize, meta: &str) -> Vec<u8> {
    let text = "Правительство утвердило новый план развития транспорта на ближайшие десять лет.";
    let mut page = format!("<html><head><!-- {} -->{meta}</head><body><p>", "x".repeat(padding)).into_bytes();
    page.extend(encoding_rs::KOI8_R.encode(text).0.iter());
    page.extend(b"</p></body></html>");
    page
}

#[test]
fn a_meta_after_the_prescan_window_changes_the_encoding() {
    let page = koi8_page(2000, "<meta charset=\"koi8-r\">");
    let decoded = run(&page, true, None);
    assert_eq!(decoded.encoding.name, Some("KOI8-R"));
    assert_eq!(decoded.encoding.source, Some("meta"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("koi8-r"));
    assert!(decoded.text.contains("Правительство утвердило"));
    // So does the http-equiv form, in the body.
    let page = koi8_page(
        3000,
        "</head><body><meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">",
    );
    assert_eq!(run(&page, true, None).encoding.name, Some("KOI8-R"));
}

#[test]
fn a_late_meta_does_not_override_a_certain_encoding() {
    // The transport layer's encoding is certain.
    let page = koi8_page(2000, "<meta charset=\"windows-1251\">");
    assert_eq!(run(&page, true, Some("koi8-r")).encoding.name, Some("KOI8-R"));
    // The first declaration the parser meets is the prescan's: it stays.
    let mut page = b"<meta charset=koi8-r>".to_vec();
    page.extend(koi8_page(2000, "<meta charset=\"windows-1251\">"));
    let decoded = run(&page, true, None);
    assert_eq!(decoded.encoding.name, Some("KOI8-R"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("koi8-r"));
    // Plain text has no markup to meet.
    let page = koi8_page(2000, "<meta charset=\"koi8-r\">");
    assert_ne!(run(&page, false, None).encoding.source, Some("meta"));
}

#[test]
fn valid_utf8_beats_a_late_legacy_declaration_too() {
    let mut page = format!("<!-- {} --><meta charset=windows-1252><p>", "x".repeat(2000)).into_bytes();
    page.extend("Ünïcödé tëxt — “quoted”".as_bytes());
    let decoded = run(&page, true, None);
    assert_eq!(decoded.encoding.name, Some("UTF-8"));
    assert_eq!(decoded.encoding.declared.as_deref(), Some("windows-1252"));
}
