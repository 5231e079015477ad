use super::*;
use crate::content::{Aside, AsidePosition, Block, Link, Metadata};

/// The seed page's appended list, as its tail line reaches the spam stage.
const SEED_TAIL: &str = "玛多县| 新郑市| 东安县| 和林格尔县| 永安市| 山东省| 阿拉善左旗| 三明市| 精河县| 盐池县| 静乐县| 吐鲁番市| 漠河县| 大理市| 五常市| 合作市| 榆林市| 梁河县| 丹阳市| 卓资县| 独山县| 浮梁县| 三原县| 榆社县| 吉林省| 元江| 白银市| 淮南市| 四子王旗| 太仆寺旗| 凤山市| 阳东县| 卓资县| 万州区| 青海省| 乌鲁木齐市| 沭阳县| 奇台县| 固镇县| 平江县|";

/// Paragraphs in the seed's style: a traditional-script article about Liaoning.
const ARTICLE: &[&str] = &[
    "遼寧省樹導向、優素質、建機制——",
    "以組織擔當激勵幹部擔當",
    "「鎮內24座橋樑護欄的維修改造項目已經順利通過驗收，今年計劃申請資金修繕村間道路。」在遼寧省鞍山市海城市岔溝鎮，副鎮長于涵正梳理近期重要工作。",
    "近年來，遼寧以組織擔當激勵幹部擔當，研究出臺若干措施，樹立講擔當重作為的鮮明導向。",
    "在葫蘆島市興城市，總投資82.57億元的國網新源興城抽水蓄能電站項目現場，大型車輛穿梭，機器轟鳴。",
    "《 人民日報 》( 2024年04月02日 19 版)",
];

fn doc(blocks: &[&str]) -> Extracted {
    Extracted {
        blocks: blocks.iter().map(|b| Block::paragraph(*b)).collect(),
        ..Extracted::default()
    }
}

fn with_tail(tail: &str) -> Extracted {
    let mut blocks = ARTICLE.to_vec();
    blocks.push(tail);
    doc(&blocks)
}

#[test]
fn seed_tail_is_one_place_list() {
    let mut d = with_tail(SEED_TAIL);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    let r = &reports[0];
    assert_eq!(r.kind, "place-list");
    assert_eq!(r.location, "tail");
    assert_eq!(r.items, 40);
    assert!(r.known >= 38, "known {}", r.known);
    assert!(r.confidence >= 0.9, "confidence {}", r.confidence);
    assert_eq!(r.text, SEED_TAIL);
    assert_eq!(d.text(), ARTICLE.join("\n"));
    for name in ["玛多县", "新郑市", "平江县", "元江"] {
        assert!(!d.text().contains(name));
    }
}

#[test]
fn keep_reports_without_stripping() {
    let mut d = with_tail(SEED_TAIL);
    let reports = scrub(&mut d, &SpamOptions { keep: true });
    assert_eq!(reports.len(), 1);
    assert!(d.text().ends_with(SEED_TAIL));
}

#[test]
fn list_appended_to_a_paragraph_is_cut_out_of_it() {
    let last = format!("{}{}", "營造擔當作為的良好環境。", SEED_TAIL);
    let mut d = with_tail(&last);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].location, "tail");
    assert!(d.text().ends_with("營造擔當作為的良好環境。"), "{}", d.text());
}

/// Eight county names from all over China, as spam lists string them together.
const EIGHT_COUNTIES: [&str; 8] = [
    "玛多县",
    "新郑市",
    "东安县",
    "和林格尔县",
    "精河县",
    "盐池县",
    "静乐县",
    "漠河县",
];

#[test]
fn list_at_the_head_and_one_item_per_line() {
    let names = EIGHT_COUNTIES;
    let mut blocks: Vec<&str> = names.to_vec();
    blocks.extend_from_slice(ARTICLE);
    let mut d = doc(&blocks);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].location, "head");
    assert_eq!(reports[0].items, 8);
    assert_eq!(reports[0].text, names.join("\n"));
    assert_eq!(d.text(), ARTICLE.join("\n"));
}

#[test]
fn one_name_a_line_list_glued_to_the_last_sentence() {
    let names = EIGHT_COUNTIES;
    let last = format!("營造擔當作為的良好環境。{}|", names[0]);
    let rest: Vec<String> = names[1..].iter().map(|n| format!("{n}|")).collect();
    let mut blocks = ARTICLE.to_vec();
    blocks.push(&last);
    blocks.extend(rest.iter().map(String::as_str));
    let mut d = doc(&blocks);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].items, 8);
    assert!(d.text().ends_with("營造擔當作為的良好環境。"), "{}", d.text());
}

#[test]
fn a_document_of_nothing_but_spam_comes_out_empty() {
    let mut d = doc(&[SEED_TAIL]);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1);
    assert_eq!(d.text(), "");
}

#[test]
fn sentences_naming_cities_stay() {
    for sentence in [
        "北京、上海、广州、深圳等城市的房价均有上涨。",
        "受灾的有永安、三明、沙县、将乐、泰宁、建宁、宁化、清流等8个县（市）。",
        "永安、三明、沙县、将乐、泰宁、建宁、宁化和清流受灾严重。",
        "记者先后走访了玛多县、新郑市、东安县、和林格尔县、精河县、盐池县和静乐县。",
    ] {
        let mut d = with_tail(sentence);
        assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![], "{sentence}");
        assert!(d.text().ends_with(sentence));
    }
}

#[test]
fn tag_lines_and_local_lists_stay() {
    for line in [
        "标签：北京 上海 广州 深圳 天津 重庆 玛多县 新郑市",
        "關鍵詞：遼寧 幹部 擔當 鞍山 海城 葫蘆島 興城",
        // One province's counties: a local list.
        "永安市 三明市 沙县 将乐县 泰宁县 建宁县 宁化县 清流县",
        // Search results for one name.
        "永安市 永安区 永安县 永安镇 永安乡 永安街道",
    ] {
        let mut d = with_tail(line);
        assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![], "{line}");
    }
}

#[test]
fn lists_joined_by_dashes_dots_bullets_and_semicolons() {
    let names = EIGHT_COUNTIES;
    for sep in ["-", " - ", "→", "·", " • ", "_", "；", ";", "◆"] {
        let tail = names.join(sep);
        let mut d = with_tail(&tail);
        let reports = scrub(&mut d, &SpamOptions::default());
        assert_eq!(reports.len(), 1, "{sep:?}: {reports:#?}");
        assert_eq!(
            (reports[0].items, reports[0].text.as_str()),
            (8, tail.as_str()),
            "{sep:?}"
        );
        assert_eq!(d.text(), ARTICLE.join("\n"), "{sep:?}");
    }
}

#[test]
fn routes_stay() {
    // Each stop in the province of the one before: an itinerary, however many counties it names.
    for line in [
        "成都-雅安-天全-泸定-康定-新都桥-雅江-理塘-巴塘-芒康-左贡-八宿-然乌-波密-林芝-拉萨",
        "拉萨→当雄→那曲→安多→格尔木→德令哈→西宁→兰州",
    ] {
        let mut d = with_tail(line);
        assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![], "{line}");
    }
    // The same stops shuffled over the country are no route.
    let mut d = with_tail("玛多县-新郑市-东安县-和林格尔县-精河县-盐池县-静乐县-漠河县");
    assert_eq!(scrub(&mut d, &SpamOptions::default()).len(), 1);
}

#[test]
fn keyword_list_at_the_tail() {
    let tail = "北京赛车pk10 | 时时彩计划 | 澳门新葡京娱乐城 | 百家乐 | 六合彩开奖结果 | 网上赌场 | 真人娱乐开户送彩金";
    let mut d = with_tail(tail);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].kind, "keyword-list");
    assert_eq!(reports[0].items, 7);
    assert_eq!(d.text(), ARTICLE.join("\n"));
}

#[test]
fn hidden_blocks_with_lists_or_foreign_links() {
    let mut d = with_tail("《 人民日報 》");
    d.asides.push(Aside {
        kind: AsideKind::Hidden,
        text: "澳门赌场 网上赌博 百家乐 时时彩 北京赛车 六合彩".into(),
        links: vec![],
        position: AsidePosition::Unknown,
    });
    d.asides.push(Aside {
        kind: AsideKind::Hidden,
        text: "首页 新闻 体育 财经 娱乐 科技".into(),
        links: ["首页", "新闻", "体育", "财经", "娱乐", "科技"]
            .iter()
            .map(|t| Link {
                href: format!("/{t}/"),
                text: t.to_string(),
            })
            .collect(),
        position: AsidePosition::Tail,
    });
    // Hidden keyword links.
    d.asides.push(aside(
        AsideKind::Hidden,
        &[
            ("http://www.a1-bet.com/", "澳门新葡京"),
            ("http://www.b2-cai.net/", "时时彩平台"),
            ("http://www.c3-pk10.cn/", "北京赛车"),
            ("http://www.d4-bjl.com/", "百家乐"),
            ("http://www.e5-lhc.com/", "六合彩"),
            ("http://www.f6-casino.com/", "网上赌场"),
        ],
    ));
    // A hidden dropdown of sister sites: links to other hosts, no keyword.
    d.asides.push(aside(
        AsideKind::Hidden,
        &[
            ("https://www.wukong-example.com/", "问答"),
            ("https://mp.sister-example.com/", "头条号"),
            ("https://tuchong-example.com/", "图虫"),
            ("https://stock-example.com/", "正版图库"),
            ("https://ad-example.com/", "广告投放"),
            ("https://car-example.com/", "懂车帝"),
        ],
    ));
    let before = d.text();
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 2, "{reports:#?}");
    assert!(
        reports
            .iter()
            .all(|r| r.kind == "hidden-text" && r.location == "hidden")
    );
    assert_eq!(d.text(), before);
}

#[test]
fn chrome_keyword_links_are_a_link_farm() {
    let mut d = with_tail("《 人民日報 》");
    d.meta = Metadata {
        url: Some("http://www.example.com.cn/a.html".into()),
        ..Metadata::default()
    };
    let texts = ["北京赛车", "时时彩", "百家乐", "六合彩", "娱乐城", "老虎机"];
    d.asides.push(Aside {
        kind: AsideKind::Chrome,
        text: texts.join(" "),
        links: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Link {
                href: format!("http://x{i}.spam-example.com/"),
                text: t.to_string(),
            })
            .collect(),
        position: AsidePosition::Tail,
    });
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].kind, "link-farm");
    assert_eq!(reports[0].location, "chrome");
    assert_eq!(reports[0].items, 6);
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "|",
        "、、、",
        "||||||||",
        "a|b|c|d|e|f|g",
        "县|市|区|省|旗|盟",
        "\u{3000}|\u{3000}",
    ] {
        let mut d = doc(&[text, text]);
        let _ = scrub(&mut d, &SpamOptions::default());
    }
}

#[test]
fn a_list_in_the_other_script_weighs_more() {
    // The same simplified list under the traditional article and under a simplified one.
    let mut traditional = with_tail(SEED_TAIL);
    let simplified_article = [
        "辽宁省树导向、优素质、建机制",
        "近年来，辽宁以组织担当激励干部担当，研究出台若干措施，树立讲担当重作为的鲜明导向。",
        "在葫芦岛市兴城市，总投资82.57亿元的国网新源兴城抽水蓄能电站项目现场，大型车辆穿梭，机器轰鸣。",
        SEED_TAIL,
    ];
    let mut simplified = doc(&simplified_article);
    let under_traditional = scrub(&mut traditional, &SpamOptions::default());
    let under_simplified = scrub(&mut simplified, &SpamOptions::default());
    assert!(under_traditional[0].confidence > under_simplified[0].confidence);
    assert!(under_simplified[0].confidence >= 0.9);
}

/// Links from (href, text) pairs.
pub(super) fn links(pairs: &[(&str, &str)]) -> Vec<Link> {
    pairs
        .iter()
        .map(|(href, text)| Link {
            href: href.to_string(),
            text: text.to_string(),
        })
        .collect()
}

fn aside(kind: AsideKind, pairs: &[(&str, &str)]) -> Aside {
    let links = links(pairs);
    Aside {
        kind,
        text: links.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" "),
        links,
        position: AsidePosition::Unknown,
    }
}

#[test]
fn legitimate_hidden_and_chrome_blocks_stay_quiet() {
    let mut d = with_tail("《 人民日報 》");
    d.meta.url = Some("https://www.example.com/news/1.html".into());
    // A hidden share menu.
    d.asides.push(aside(
        AsideKind::Hidden,
        &[
            ("https://service.weibo.com/share/share.php?url=x", "新浪微博"),
            ("https://connect.qq.com/widget/shareqq/index.html", "QQ好友"),
            ("https://sns.qzone.qq.com/cgi-bin/qzshare", "QQ空间"),
            ("https://www.douban.com/share/service", "豆瓣"),
            ("https://www.facebook.com/sharer.php", "Facebook"),
            ("https://twitter.com/intent/tweet", "Twitter"),
        ],
    ));
    // A hidden city selector: provinces and prefecture cities, no county.
    d.asides.push(Aside {
        kind: AsideKind::Hidden,
        text: "北京 上海 天津 重庆 广州 深圳 杭州 南京 武汉 成都 西安 沈阳 长沙 郑州 济南 青岛 大连 厦门".into(),
        links: vec![],
        position: AsidePosition::Unknown,
    });
    // The site's own city subdomains in its navigation.
    d.asides.push(aside(
        AsideKind::Chrome,
        &[
            ("https://bj.example.com/", "北京"),
            ("https://sh.example.com/", "上海"),
            ("https://gz.example.com/", "广州"),
            ("https://sz.example.com/", "深圳"),
            ("https://hz.example.com/", "杭州"),
            ("https://cd.example.com/", "成都"),
            ("https://wh.example.com/", "武汉"),
        ],
    ));
    // Friendship links to other news sites.
    d.asides.push(aside(
        AsideKind::Chrome,
        &[
            ("http://www.people.com.cn/", "人民网"),
            ("http://www.xinhuanet.com/", "新华网"),
            ("http://www.china.com.cn/", "中国网"),
            ("http://www.cctv.com/", "央视网"),
            ("http://www.chinadaily.com.cn/", "中国日报网"),
            ("http://www.youth.cn/", "中国青年网"),
        ],
    ));
    assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![]);
}

#[test]
fn a_swarm_of_foreign_subdomains_is_a_link_farm() {
    let mut d = with_tail("《 人民日報 》");
    d.meta.url = Some("https://www.example.com/news/1.html".into());
    let pairs: Vec<(String, String)> = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安"]
        .iter()
        .enumerate()
        .map(|(i, city)| (format!("http://a{i}x.zhanqun-example.cn/"), format!("{city}搬家公司")))
        .collect();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect();
    d.asides.push(aside(AsideKind::Chrome, &pairs));
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(
        (reports[0].kind, reports[0].items, reports[0].known),
        ("link-farm", 8, 8)
    );
}

#[test]
fn runs_at_both_ends_and_in_the_middle() {
    let names = "玛多县|新郑市|东安县|和林格尔县|精河县|盐池县|静乐县|漠河县";
    let mut blocks = vec![names];
    blocks.extend_from_slice(&ARTICLE[..3]);
    blocks.push(names);
    blocks.extend_from_slice(&ARTICLE[3..]);
    blocks.push(names);
    let mut d = doc(&blocks);
    let reports = scrub(&mut d, &SpamOptions::default());
    let wheres: Vec<&str> = reports.iter().map(|r| r.location).collect();
    assert_eq!(wheres, ["head", "inline", "tail"]);
    assert_eq!(d.text(), ARTICLE.join("\n"));
}

#[test]
fn lists_in_chrome_asides_are_reported_as_chrome_wherever_they_stood() {
    for position in [
        AsidePosition::Head,
        AsidePosition::Inline,
        AsidePosition::Tail,
        AsidePosition::Unknown,
    ] {
        let mut d = doc(ARTICLE);
        d.asides.push(Aside {
            kind: AsideKind::Chrome,
            text: SEED_TAIL.replace("| ", "\n"),
            links: vec![],
            position,
        });
        let reports = scrub(&mut d, &SpamOptions::default());
        assert_eq!(reports.len(), 1, "{reports:#?}");
        assert_eq!(reports[0].kind, "place-list");
        assert_eq!(reports[0].location, "chrome");
        assert_eq!(d.text(), ARTICLE.join("\n"));
    }
}

/// Texts for checking the skip of [`list_runs`]: every spam and negative fixture, one line a
/// block; each also with its Han characters spelt as ASCII letters (list shapes without Han)
/// and with ASCII spam terms for its items.
fn skip_check_inputs() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let files: Vec<std::path::PathBuf> = ["spam", "negative"]
        .into_iter()
        .flat_map(|dir| crate::input::walk::Walk::new(root.join(dir), &crate::input::WalkOptions::default()))
        .map(|entry| entry.expect("fixture directory"))
        .collect();
    assert!(files.len() > 30, "fixtures found: {}", files.len());
    let terms = [
        "casino", "Betting", "jackpot", "xxx", "SEO", "viagra", "porn", "Seoul", "escorted",
    ];
    let mut inputs = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("fixture text");
        let latin: String = text
            .chars()
            .map(|c| {
                if crate::decode::script::is_han(c) {
                    char::from(b'a' + (c as u32 % 26) as u8)
                } else {
                    c
                }
            })
            .collect();
        let mut next = 0;
        let termed: String = text
            .split_inclusive(|c: char| !crate::decode::script::is_han(c))
            .map(|part| {
                if part.chars().next().is_some_and(crate::decode::script::is_han) {
                    next += 1;
                    let sep: String = part.chars().filter(|c| !crate::decode::script::is_han(*c)).collect();
                    format!("{}{sep}", terms[next % terms.len()])
                } else {
                    part.to_owned()
                }
            })
            .collect();
        inputs.extend([text, latin, termed]);
    }
    inputs.push(SEED_TAIL.to_owned());
    inputs.push(terms.join(" | ").repeat(3));
    inputs.push(terms.join("\n"));
    inputs
}

#[test]
fn skipping_texts_without_candidates_changes_no_run() {
    let (mut skipped, mut found) = (0, 0);
    for input in skip_check_inputs() {
        let blocks: Vec<&str> = input.lines().collect();
        let body = Body::new(blocks.clone());
        for setting in [Setting::Visible, Setting::Hidden, Setting::Removed] {
            let pieces = tokens::pieces(&blocks);
            let every_piece = lists::find(&blocks, &pieces, &body, setting);
            let (_, with_skip) = list_runs(&blocks, &body, setting);
            assert_eq!(with_skip, every_piece, "{setting:?} {input}");
            if !lists::may_find(&blocks) {
                skipped += 1;
            }
            found += usize::from(!every_piece.is_empty());
        }
    }
    // The inputs exercise both paths: skipped texts, and runs found (ASCII terms among them).
    assert!(skipped >= 30 && found >= 30, "skipped {skipped}, found {found}");
}

#[test]
fn ascii_spam_terms_are_not_skipped() {
    let blocks = [
        "Our city news today.",
        "casino | betting | jackpot | baccarat | roulette | sportsbook | porn",
    ];
    assert!(lists::may_find(&blocks));
    let body = Body::new(blocks.to_vec());
    let (_, runs) = list_runs(&blocks, &body, Setting::Visible);
    assert_eq!(runs.len(), 1, "{runs:#?}");
    assert_eq!(runs[0].kind, ListKind::Keyword);
    assert!(!lists::may_find(&[
        "The quick brown fox jumps over the lazy dog.",
        "Plain English | no terms"
    ]));
}

#[test]
fn keyword_list_one_item_a_line_with_dashed_items_and_numeric_carriers() {
    // A stuffed list written one item a line, some items a term and its carrier joined by a
    // dash, some a carrier written in digits: one list, not fragments judged against each other.
    let items = [
        "代开发票",
        "办假证",
        "360",
        "网上赌场",
        "代开发票-免费",
        "时时彩计划",
        "百家乐-官方下载",
        "豆瓣",
        "网上赌场",
        "360",
        "代开发票",
        "时时彩计划",
        "办假证-app下载",
        "百家乐",
        "六合彩开奖结果",
    ];
    let mut blocks = ARTICLE.to_vec();
    let at = blocks.len() - 1;
    blocks.splice(at..at, items);
    let mut d = doc(&blocks);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].kind, "keyword-list");
    assert_eq!(reports[0].items as usize, items.len() + 3);
    assert_eq!(d.text(), ARTICLE.join("\n"));
}

#[test]
fn a_term_the_article_uses_in_its_sentences_keeps_a_list_related() {
    // The same list, but the article is about the crackdown on these very terms.
    let mut blocks = ARTICLE.to_vec();
    blocks.push("警方查处代开发票、办假证、网上赌场、百家乐和时时彩计划等违法行为，六合彩开奖结果类网站也被关停。");
    blocks.extend([
        "代开发票",
        "办假证",
        "网上赌场",
        "时时彩计划",
        "百家乐",
        "六合彩开奖结果",
    ]);
    let mut d = doc(&blocks);
    assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![]);
}

#[test]
fn a_table_of_places_is_one_list_however_many_rows() {
    // A spam table after the article: its rows reach the spam stage one line each.
    let rows = [
        "佳木斯市 | 佳縣 | 寶安縣 | 涿州市 | 珠海市",
        "眉山市 | 安次區 | 綏稜縣 | 揭陽市 | 鄂州市",
        "臨渭區 | 烏達區 | 雲浮市 | 遵化市 | 蠡縣",
        "扶風縣 | 懷集縣 | 吳堡縣 | 瑪多縣 | 錦州市",
    ];
    let mut blocks = ARTICLE.to_vec();
    blocks.extend(rows);
    let mut d = doc(&blocks);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!((reports[0].kind, reports[0].items), ("place-list", 20));
    assert_eq!(d.text(), ARTICLE.join("\n"));
}

#[test]
fn legitimate_tables_and_lines_of_other_shapes_stay() {
    for rows in [
        // Provinces and their capitals: places from everywhere, but no county among them.
        &[
            "河北省 | 石家庄市",
            "山西省 | 太原市",
            "辽宁省 | 沈阳市",
            "吉林省 | 长春市",
            "江苏省 | 南京市",
            "浙江省 | 杭州市",
        ][..],
        // Branch offices by region, one province a row.
        &[
            "江苏 | 南京分公司 | 苏州分公司 | 无锡分公司",
            "浙江 | 杭州分公司 | 宁波分公司 | 温州分公司",
        ][..],
        // A navigation bar over a tag line of the article's own places.
        &["首页 | 新闻 | 体育 | 财经 | 娱乐", "标签：遼寧 鞍山 海城 葫蘆島 興城"][..],
    ] {
        let mut blocks = ARTICLE.to_vec();
        blocks.extend(rows);
        let mut d = doc(&blocks);
        assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![], "{rows:?}");
    }
}

#[test]
fn lists_under_search_and_link_labels_are_judged_as_tag_lines() {
    // `热搜：` over counties the article never names is an SEO block.
    let tail = format!("热搜：{}", EIGHT_COUNTIES.join("，"));
    let mut d = with_tail(&tail);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].items, 8);
    // The same label over the article's own places is its tag line.
    let mut d = with_tail("热搜：遼寧 鞍山 海城 葫蘆島 興城 岔溝鎮");
    assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![]);
    // Partner links are site names.
    let mut d = with_tail("友情链接：人民网 | 新华网 | 央视网 | 中国网 | 光明网 | 中国日报网");
    assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![]);
}

#[test]
fn places_mixed_with_spam_terms_are_one_list() {
    let tail = "玛多县｜百家乐｜新郑市｜东安县｜官方网站｜时时彩计划｜和林格尔县｜办假证｜精河县｜盐池县｜app下载｜网上赌场｜静乐县｜漠河县";
    let mut d = with_tail(tail);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(reports[0].items, 14);
    assert_eq!(d.text(), ARTICLE.join("\n"));
}

#[test]
fn a_link_farm_written_out_as_text_is_a_list() {
    for tail in [
        "百家乐 www.bjl3894.com | 时时彩计划 ssc4319.cc | 办假证 bzj3105.net | 代开发票 www.fp1527.me | 网上赌场 dz6688.xyz | 六合彩开奖结果 lhc5194.top",
        "百家乐：www.bjl3894.com，时时彩计划：ssc4319.cc，办假证：bzj3105.net，代开发票：www.fp1527.me，网上赌场：dz6688.xyz，六合彩开奖结果：lhc5194.top",
    ] {
        let mut d = with_tail(tail);
        let reports = scrub(&mut d, &SpamOptions::default());
        assert_eq!(reports.len(), 1, "{tail}: {reports:#?}");
        assert_eq!(reports[0].text, tail);
        assert_eq!(d.text(), ARTICLE.join("\n"));
    }
    // Sites named with their addresses are no spam.
    let mut d =
        with_tail("人民网 www.people.com.cn | 新华网 www.xinhuanet.com | 央视网 www.cctv.com | 光明网 www.gmw.cn");
    assert_eq!(scrub(&mut d, &SpamOptions::default()), vec![]);
}

#[test]
fn four_keyword_links_to_four_sites_are_a_link_farm() {
    let texts = ["北京赛车", "时时彩", "百家乐", "六合彩"];
    let farm = |href: &dyn Fn(usize) -> String| {
        let mut d = with_tail("《 人民日報 》");
        d.meta.url = Some("http://www.example.com.cn/a.html".into());
        let pairs: Vec<(String, &str)> = texts.iter().enumerate().map(|(i, t)| (href(i), *t)).collect();
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(h, t)| (h.as_str(), *t)).collect();
        d.asides.push(aside(AsideKind::Chrome, &pairs));
        scrub(&mut d, &SpamOptions::default())
    };
    let reports = farm(&|i| format!("http://www.bet{i}.example{i}.net/"));
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!((reports[0].kind, reports[0].items), ("link-farm", 4));
    // The same texts as the site's own topic links, or spread over two sites only: no farm
    // (the terms alone may still make a keyword list).
    let no_farm = |reports: Vec<SpamReport>| reports.iter().all(|r| r.kind != "link-farm");
    assert!(no_farm(farm(&|i| format!("http://www.example.com.cn/zt/{i}/"))));
    assert!(no_farm(farm(&|i| format!("http://www.partner{}.com/", i % 2))));
}

#[test]
fn short_partner_blocks_stay_quiet() {
    let mut d = with_tail("《 人民日報 》");
    d.meta.url = Some("http://www.example.com.cn/a.html".into());
    d.asides.push(aside(
        AsideKind::Chrome,
        &[
            ("http://www.people.com.cn/", "人民网"),
            ("http://www.xinhuanet.com/", "新华网"),
            ("http://www.cctv.com/", "央视网"),
            ("http://www.chinanews.com.cn/", "中国新闻网"),
            ("http://www.thepaper.cn/", "澎湃新闻"),
        ],
    ));
    assert!(scrub(&mut d, &SpamOptions::default()).is_empty());
}

#[test]
fn places_mixed_with_words_the_article_never_uses_are_a_list() {
    // Counties and cities of several provinces between words the vocabulary may lack.
    let mixed = "精河县 | 蓝莓影院 | 五常市 | 吉林省 | 阳东县 | 飞鱼彩";
    let mut d = with_tail(mixed);
    let reports = scrub(&mut d, &SpamOptions::default());
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert_eq!(
        (reports[0].kind, reports[0].items, reports[0].known),
        ("place-list", 6, 4)
    );
    assert_eq!(d.text(), ARTICLE.join("\n"));
    for quiet in [
        // Words the article uses: its own topics.
        "精河县 | 抽水蓄能 | 五常市 | 吉林省 | 阳东县 | 電站項目",
        // No county: a line of cities and topics.
        "北京市 | 美食 | 上海市 | 广州市 | 深圳市 | 民宿",
        // One province: a local line.
        "正定县 | 庙会 | 平山县 | 河北省 | 石家庄市 | 文物",
        // Labelled.
        "热门目的地：精河县，蓝莓影院，五常市，吉林省，阳东县，飞鱼彩",
    ] {
        let mut d = with_tail(quiet);
        let reports = scrub(&mut d, &SpamOptions::default());
        assert!(reports.is_empty(), "{quiet}: {reports:#?}");
    }
}
