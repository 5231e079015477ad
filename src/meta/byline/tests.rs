use super::*;

fn line(text: &str) -> Byline {
    parse_line(text).unwrap_or_else(|| panic!("{text:?} should be a byline"))
}

fn author(text: &str) -> Option<String> {
    line(text).author()
}

fn published(text: &str) -> Option<String> {
    line(text).published_iso()
}

#[test]
fn counter_links_after_a_name_are_not_names() {
    let b = line("2024年04月02日 07:56 来源：江南日报 作者：李明 我要评论(12) 字号：大 中 小");
    assert_eq!(b.authors, vec!["李明"]);
    assert_eq!(b.source.as_deref(), Some("江南日报"));
    assert_eq!(author("作者：王芳 发表评论").as_deref(), Some("王芳"));
    // A name that merely ends like a verb stays whole.
    assert_eq!(author("作者：张我要").as_deref(), Some("张我要"));
}

#[test]
fn seed_bylines() {
    let b = line("作者:本報記者 胡婧怡");
    assert_eq!(b.authors, vec!["胡婧怡"]);
    assert_eq!(b.source, None);
    assert_eq!(
        published("發布時間:2024年04月02日 07:56").as_deref(),
        Some("2024-04-02T07:56:00+08:00")
    );
    assert_eq!(line("來源:人民網-人民日報").source.as_deref(), Some("人民網-人民日報"));
    let credit = line("《 人民日報 》( 2024年04月02日 19 版)");
    assert!(credit.print_credit);
    assert_eq!(credit.source.as_deref(), Some("人民日報"));
    assert_eq!(credit.published_iso().as_deref(), Some("2024-04-02"));
    assert_eq!(credit.authors, Vec::<String>::new());
}

#[test]
fn chinese_author_labels() {
    assert_eq!(author("作者：本报记者 胡婧怡").as_deref(), Some("胡婧怡"));
    assert_eq!(author("作　者：张三").as_deref(), Some("张三"));
    assert_eq!(author("本报记者 张三").as_deref(), Some("张三"));
    assert_eq!(author("本報記者 張三 李四").as_deref(), Some("張三、李四"));
    assert_eq!(author("记者 王五 赵六").as_deref(), Some("王五、赵六"));
    assert_eq!(author("记者陈智").as_deref(), Some("陈智"));
    assert_eq!(author("文／王小明").as_deref(), Some("王小明"));
    assert_eq!(author("文/王小明").as_deref(), Some("王小明"));
    assert_eq!(author("文｜李雷").as_deref(), Some("李雷"));
    assert_eq!(author("新京报记者 陆一夫").as_deref(), Some("陆一夫"));
    assert_eq!(author("澎湃新闻记者 段彦超 廖艳").as_deref(), Some("段彦超、廖艳"));
    assert_eq!(
        author("采写：南都记者 余毅菁 向雪妮").as_deref(),
        Some("余毅菁、向雪妮")
    );
    assert_eq!(author("采写：南都见习记者 林子沛").as_deref(), Some("林子沛"));
    assert_eq!(author("《棱镜》作者 周纯").as_deref(), Some("周纯"));
    assert_eq!(author("【文/观察者网专栏作者 王文】").as_deref(), Some("王文"));
    assert_eq!(author("本报记者 张三 通讯员 李四 报道").as_deref(), Some("张三、李四"));
    assert_eq!(author("作者：买买提·艾力").as_deref(), Some("买买提·艾力"));
    assert_eq!(author("記者 黃小明／台北報導").as_deref(), Some("黃小明"));
    assert_eq!(author("中央社記者林大明台北2日電").as_deref(), Some("林大明"));
    assert_eq!(author("記者陳志明 臺北報導").as_deref(), Some("陳志明"));
    assert_eq!(author("本报记者张三报道").as_deref(), Some("张三"));
    assert_eq!(author("本报记者 张三 李四 报道").as_deref(), Some("张三、李四"));
    assert_eq!(parse_author("記者陳志明 臺北報導"), vec!["陳志明"]);
    assert_eq!(author("中央社記者王小華／東京3日電").as_deref(), Some("王小華"));
    assert_eq!(author("記者陳怡君高雄2日電").as_deref(), Some("陳怡君"));
}

#[test]
fn editors_are_never_authors() {
    let b = line("责任编辑：杨倩_NF4425");
    assert_eq!(b.authors, Vec::<String>::new());
    assert_eq!(b.editors, vec!["杨倩"]);
    assert_eq!(line("編輯：陳大文").author(), None);
    assert_eq!(line("[责任编辑：刘斌]").editors, vec!["刘斌"]);
    assert_eq!(line("（责任编辑： HN666）").author(), None);
    assert_eq!(line("责任编辑：").editors, Vec::<String>::new());
    let b = line("编辑 刘晓阳 校对 李铭");
    assert_eq!(b.author(), None);
    assert_eq!(b.editors, vec!["刘晓阳", "李铭"]);
    let b = line("作者：未知     责任编辑：棒棒不是糖");
    assert_eq!(b.author(), None);
    assert_eq!(b.editors, vec!["棒棒不是糖"]);
    assert_eq!(line("Edited by Betsy Beyer").author(), None);
    let b = line("记者 张三 编辑 李四");
    assert_eq!(b.authors, vec!["张三"]);
    assert_eq!(b.editors, vec!["李四"]);
}

#[test]
fn site_names_and_placeholders_are_not_authors() {
    let b = line("作者：人民网");
    assert_eq!(b.author(), None);
    assert_eq!(b.source.as_deref(), Some("人民网"));
    assert_eq!(line("作者：网络整理").author(), None);
    assert_eq!(line("作者：佚名").author(), None);
    assert_eq!(line("作者：").author(), None);
    let b = line("By Reuters");
    assert_eq!(b.author(), None);
    assert_eq!(b.source.as_deref(), Some("Reuters"));
    assert_eq!(line("Posted on April 2, 2024 by admin").author(), None);
    assert_eq!(line("來源：本站原創").source, None);
}

#[test]
fn english_bylines() {
    assert_eq!(author("By Jane Doe").as_deref(), Some("Jane Doe"));
    assert_eq!(
        author("By Jane Doe and John Roe").as_deref(),
        Some("Jane Doe, John Roe")
    );
    assert_eq!(author("By Jane Doe, Staff Writer").as_deref(), Some("Jane Doe"));
    assert_eq!(
        author("By Margaret Ellis, Secretary").as_deref(),
        Some("Margaret Ellis")
    );
    assert_eq!(
        author("By Stella Kim, Jennifer Jett and Max Mustermann").as_deref(),
        Some("Stella Kim, Jennifer Jett, Max Mustermann")
    );
    assert_eq!(author("BY GILLIAN MOHNEY").as_deref(), Some("GILLIAN MOHNEY"));
    assert_eq!(author("By Brenda Goodman, MA").as_deref(), Some("Brenda Goodman"));
    assert_eq!(author("Written by Rob Ewaschuk").as_deref(), Some("Rob Ewaschuk"));
    assert_eq!(author("By Michiel de Jong").as_deref(), Some("Michiel de Jong"));
    assert_eq!(author("By John C. Welch").as_deref(), Some("John C. Welch"));
    assert_eq!(author("Author: mama_robotnik").as_deref(), Some("mama_robotnik"));
    let b = line("By Nathan Willis March 25, 2015");
    assert_eq!(b.author().as_deref(), Some("Nathan Willis"));
    assert_eq!(b.published_iso().as_deref(), Some("2015-03-25"));
    let b = line("By Jane Doe | Updated April 3, 2024 10:15 a.m. ET");
    assert_eq!(b.author().as_deref(), Some("Jane Doe"));
    assert_eq!(
        b.updated.map(|d| d.to_iso()).as_deref(),
        Some("2024-04-03T10:15:00-04:00")
    );
    let b = line("April 2, 2024 | By Jane Doe in Washington");
    assert_eq!(b.author().as_deref(), Some("Jane Doe"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
}

#[test]
fn unlabelled_name_and_date() {
    let b = line("Dan Goodin - Apr 16, 2015 8:02 pm UTC");
    assert_eq!(b.author().as_deref(), Some("Dan Goodin"));
    assert_eq!(b.published_iso().as_deref(), Some("2015-04-16T20:02:00+00:00"));
    let b = line("April 2, 2024 | Jane Doe");
    assert_eq!(b.author().as_deref(), Some("Jane Doe"));
    assert_eq!(parse_line("Markets - April 2, 2024"), None);
    assert_eq!(parse_line("the river - April 2, 2024"), None);
    assert_eq!(parse_line("Reuters - April 2, 2024").map(|b| b.authors), None);
    assert_eq!(parse_line("财经 - 2024-04-02"), None);
}

#[test]
fn english_bylines_with_trailers() {
    let b = line("By Erin Cunningham March 18 at 3:57 PM Follow @erinmcunningham");
    assert_eq!(b.author().as_deref(), Some("Erin Cunningham"));
    let b = line("By GILLIAN MOHNEY March 11, 2015 3:46 PM Good Morning America");
    assert_eq!(b.author().as_deref(), Some("GILLIAN MOHNEY"));
    assert_eq!(b.published_iso().as_deref(), Some("2015-03-11T15:46:00"));
    assert_eq!(
        line("By Alissa Wilkinson@alissamarie Updated Jul 24, 2018, 2:15pm EDT")
            .author()
            .as_deref(),
        Some("Alissa Wilkinson")
    );
    assert_eq!(
        line("by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET")
            .author()
            .as_deref(),
        Some("Ahiza Garcia")
    );
    assert_eq!(
        line("By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project")
            .author()
            .as_deref(),
        Some("Daniel Kahn Gillmor")
    );
    assert_eq!(
        line("Par Alexandre Hervaud et Jérémy Piette — 24 novembre 2017 à 18:42")
            .author()
            .as_deref(),
        Some("Alexandre Hervaud, Jérémy Piette")
    );
    assert_eq!(
        line("Por Steven Lee Myers, Keith Bradsher y Tariq Panja")
            .author()
            .as_deref(),
        Some("Steven Lee Myers, Keith Bradsher, Tariq Panja")
    );
    assert_eq!(parse_line("By Laws"), None);
    assert_eq!(line("by Taboola").author(), None);
    assert_eq!(line("by Taboolaby Taboola").author(), None);
    assert_eq!(parse_line("Par ailleurs, le gouvernement a annoncé une réforme."), None);
}

#[test]
fn english_dates_and_sources() {
    assert_eq!(published("Published April 2, 2024").as_deref(), Some("2024-04-02"));
    assert_eq!(
        published("Published: Tue, 02 Apr 2024 07:56:00 GMT").as_deref(),
        Some("2024-04-02T07:56:00+00:00")
    );
    assert_eq!(published("Posted on 2024-04-02").as_deref(), Some("2024-04-02"));
    assert_eq!(published("April 2, 2024").as_deref(), Some("2024-04-02"));
    assert_eq!(
        line("Source: Associated Press").source.as_deref(),
        Some("Associated Press")
    );
    assert_eq!(
        line("Originally published in The Conversation").source.as_deref(),
        Some("The Conversation")
    );
}

#[test]
fn chinese_dates_and_sources() {
    let b = line("2019-09-07 13:43:45\u{3000}来源: 新京报");
    assert_eq!(b.published_iso().as_deref(), Some("2019-09-07T13:43:45+08:00"));
    assert_eq!(b.source.as_deref(), Some("新京报"));
    let b = line("来源：当代商报 时间：2019-09-23 14:34:05 作者：");
    assert_eq!(b.source.as_deref(), Some("当代商报"));
    assert_eq!(b.published_iso().as_deref(), Some("2019-09-23T14:34:05+08:00"));
    assert_eq!(b.author(), None);
    let b = line("2019年06月15日08:18\u{a0}\u{a0}来源：人民网－人民日报");
    assert_eq!(b.published_iso().as_deref(), Some("2019-06-15T08:18:00+08:00"));
    assert_eq!(b.source.as_deref(), Some("人民网－人民日报"));
    let b = line("| 发布时间: 2018-05-17 | 浏览次数:");
    assert_eq!(b.published_iso().as_deref(), Some("2018-05-17"));
    let b = line("來源：中央社　記者林大明／台北報導　２０２４年４月２日");
    assert_eq!(b.source.as_deref(), Some("中央社"));
    assert_eq!(b.author().as_deref(), Some("林大明"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
    assert_eq!(
        line("2024/04/02 18:45（4/2 19:10 更新）").published_iso().as_deref(),
        Some("2024-04-02T18:45:00+08:00")
    );
    assert_eq!(line("编辑|禤志杰").editors, vec!["禤志杰"]);
    assert_eq!(
        line("来源|广州参考、广州南沙发布").source.as_deref(),
        Some("广州参考、广州南沙发布")
    );
    assert_eq!(line("（来源：梨视频）").source.as_deref(), Some("梨视频"));
    let b = line("2019-09-26 10:56:28 证券时报网");
    assert_eq!(b.source.as_deref(), Some("证券时报网"));
    assert_eq!(b.published_iso().as_deref(), Some("2019-09-26T10:56:28+08:00"));
    assert_eq!(
        line("2019年09月11日 富达传媒 时政新闻 1665 0").source.as_deref(),
        Some("富达传媒")
    );
    assert_eq!(parse_line("2019年09月11日 我们去了公园"), None);
    let b = line("来源：人民日报（2024年04月02日 第19版）");
    assert_eq!(b.source.as_deref(), Some("人民日报"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
    let b = line("来源：本站原创\u{a0}\u{a0}作者：医技药剂党支部");
    assert_eq!(b.source, None);
    assert_eq!(b.author().as_deref(), Some("医技药剂党支部"));
    assert_eq!(
        line("时间：2019年10月31日 23:00\u{a0}\u{a0}浏览：")
            .published_iso()
            .as_deref(),
        Some("2019-10-31T23:00:00+08:00")
    );
    assert_eq!(line("发布时间：10-08").published, None);
    assert!(line("字号：大 中 小").is_empty());
    let b = line("装修老司机 发表于 2024-3-5 21:40");
    assert_eq!(b.author().as_deref(), Some("装修老司机"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-03-05T21:40:00+08:00"));
    assert_eq!(
        parse_line("我们都知道 发表于 2024-3-5 21:40"),
        Some(Byline {
            authors: vec!["我们都知道".into()],
            published: find_date("2024-03-05 21:40").map(|d| d.with_implied_offset(Some(480))),
            ..Byline::default()
        })
    );
    assert!(line("分享到：").is_empty());
    assert_eq!(parse_line("Comments"), None);
    assert_eq!(parse_line("分享"), None);
}

#[test]
fn print_credits() {
    let b = line("（《人民日报》2024年4月2日第19版）");
    assert_eq!(b.source.as_deref(), Some("人民日报"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-04-02"));
    let b = line("——摘自《读者》2024年第7期");
    assert_eq!(b.source.as_deref(), Some("读者"));
    assert!(b.print_credit);
    assert_eq!(
        line("《人民日报》（2024-04-02 第A05版）").source.as_deref(),
        Some("人民日报")
    );
    // A book title on its own is not a credit.
    assert_eq!(parse_line("《论语》"), None);
    assert_eq!(parse_line("《三体》是刘慈欣的长篇小说"), None);
}

#[test]
fn photo_credits_are_not_authors() {
    let b = line("新华社记者 贾天勇 摄");
    assert_eq!(b.author(), None);
    assert_eq!(
        parse_line("▲广州日报全媒体图片记者黎旭阳、李妍摄").map(|b| b.authors),
        Some(vec![])
    );
    assert_eq!(line("记者张三摄").author(), None);
    assert_eq!(
        line("2019-09-07 13:43:45 来源: 证券市场红周刊 举报").source.as_deref(),
        Some("证券市场红周刊")
    );
    let b = line("文/张三 图/李四");
    assert_eq!(b.authors, vec!["张三"]);
    let b = line("医技药剂党支部、药剂科供稿\u{a0} 摄影/张艳\u{a0} 编辑/苏芳");
    assert_eq!(b.author(), None);
    assert_eq!(b.editors, vec!["苏芳"]);
    assert_eq!(b.source.as_deref(), Some("医技药剂党支部、药剂科"));
}

#[test]
fn prose_is_not_a_byline() {
    for text in [
        "记者注意到，从五大5G芯片企业的主打产品来看，大多采用的是最新的7纳米技术。",
        "北京时间6月24日12时55分，在航天员的精准操控下，天宫一号目标飞行器与神舟九号飞船再次成功交会对接。",
        "By the end of the year, the project had doubled in size.",
        "By Monday, nobody remembered.",
        "樹導向、選賢能,激發干事創業的內生動力",
        "遼寧省樹導向、優素質、建機制——",
        "以組織擔當激勵干部擔當(深度關注·提振黨員干部干事創業精氣神②)",
        "中國共產黨新聞網|黨建頻道|黨建數據庫",
        "首頁 > 正文",
        "作者最新文章",
        "本文仅代表作者个人观点。",
        "Source code is available on GitHub and the documentation explains how to build it.",
        "Date night ideas for couples who have everything",
        "2015年,31歲的司鵬飛通過遼寧省委組織部選拔,從遼寧省農業科學院開放實驗室副主任的崗位到撫順縣掛職任副縣長。",
        "時間就是金錢",
        "Updated guidance on pensions",
        "",
        "   ",
    ] {
        assert_eq!(parse_line(text), None, "{text:?}");
    }
}

#[test]
fn lenient_entry_points() {
    assert_eq!(parse_author("By Jane Doe"), vec!["Jane Doe"]);
    assert_eq!(parse_author("本报记者 胡婧怡"), vec!["胡婧怡"]);
    assert_eq!(
        parse_author("Bradley M. Kuhn (http://ebb.org/bkuhn/)"),
        vec!["Bradley M. Kuhn"]
    );
    assert_eq!(parse_author("史蒂文的家_藍天"), vec!["史蒂文的家_藍天"]);
    assert_eq!(parse_author("责任编辑：李四"), Vec::<String>::new());
    assert_eq!(parse_author("人民网"), Vec::<String>::new());
    assert_eq!(parse_source("来源：人民网").as_deref(), Some("人民网"));
    assert_eq!(parse_source("人民網-人民日報").as_deref(), Some("人民網-人民日報"));
    assert_eq!(parse_source("本站原创"), None);
    let b = parse_text("作者:本報記者 胡婧怡\n發布時間:2024年04月02日 07:56\n來源:人民網-人民日報\n正文");
    assert_eq!(b.author().as_deref(), Some("胡婧怡"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-04-02T07:56:00+08:00"));
    assert_eq!(b.source.as_deref(), Some("人民網-人民日報"));
}

#[test]
fn datelines() {
    assert_eq!(
        dateline_authors("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工。"),
        vec!["唐霁"]
    );
    assert_eq!(
        dateline_authors("新京报快讯（记者 裴剑飞）今日有网友爆料。"),
        vec!["裴剑飞"]
    );
    assert_eq!(
        dateline_authors("本报讯（记者 张三 通讯员 李四）昨天，市里召开会议。"),
        vec!["张三", "李四"]
    );
    assert_eq!(dateline_authors("长江网10月4日讯（记者陈智 整合）"), vec!["陈智"]);
    assert_eq!(
        dateline_authors("（中央社記者林大明台北2日電）立法院會今天三讀通過修正案。"),
        vec!["林大明"]
    );
    assert_eq!(
        dateline_authors("会议由市长（兼任组长）主持，记者张三参加。"),
        Vec::<String>::new()
    );
}

#[test]
fn merging_refines_dates() {
    let mut b = line("《 人民日報 》( 2024年04月02日 19 版)");
    b.merge(line("發布時間:2024年04月02日 07:56"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-04-02T07:56:00+08:00"));
    assert_eq!(b.source.as_deref(), Some("人民日報"));
    let mut b = line("發布時間:2024年04月02日 07:56");
    b.merge(line("2024年04月03日"));
    assert_eq!(b.published_iso().as_deref(), Some("2024-04-02T07:56:00+08:00"));
}

#[test]
fn offsets_by_script() {
    assert_eq!(implied_offset("發布時間"), Some(480));
    assert_eq!(implied_offset("公開日 2024年4月2日 とうきょう"), Some(540));
    assert_eq!(implied_offset("Published"), None);
    assert_eq!(
        published("Published 2024-04-02 07:56").as_deref(),
        Some("2024-04-02T07:56:00")
    );
}

#[test]
fn long_and_odd_input_does_not_panic() {
    let long = "作者：".to_string() + &"张".repeat(10_000);
    assert_eq!(parse_line(&long), None);
    for text in [
        "：",
        "|",
        "文/",
        "By",
        "by ",
        "记者",
        "《》",
        "（）",
        "【】",
        "《 》( 版)",
        "发布时间：：：",
        "\u{feff}作者",
    ] {
        let _ = parse_line(text);
        let _ = parse_author(text);
        let _ = parse_source(text);
        let _ = dateline_authors(text);
    }
}
/// A line left as it is by [`clean_line`] is one the copying loop would copy unchanged.
#[test]
fn clean_lines_are_borrowed_only_when_clean() {
    let by_copy = |line: &str| {
        let mut out = String::new();
        for c in line.trim().chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        out.trim().to_string()
    };
    for line in [
        "作者：张三",
        "  By Jane  Doe ",
        "a\tb",
        "a \u{3000}b",
        "\u{200b}作\u{200b}者",
        "x\u{feff}",
        "来源 ：新华社",
        "",
        " ",
        "a\u{a0}b",
    ] {
        assert_eq!(clean_line(line), by_copy(line), "{line:?}");
    }
}

#[test]
fn closing_credits() {
    assert_eq!(
        closing_authors("……她每天傍晚都会带孙子来散步。（江南日报记者 李海涛）"),
        ["李海涛"]
    );
    assert_eq!(
        closing_authors("……将于下月完工。（记者 王立新 通讯员 赵小东）"),
        ["王立新", "赵小东"]
    );
    // A parenthesis that is no credit, or a credit that does not close the paragraph.
    assert!(closing_authors("……（实习生王金茹对此文亦有贡献）").is_empty());
    assert!(closing_authors("（记者 王立新）……将于下月完工。").is_empty());
    assert!(closing_authors("……将于下月完工（详见附件）").is_empty());
}

#[test]
fn forum_posters() {
    assert_eq!(
        forum_poster("本贴由 江城老王 于 2024-3-5 20:11 发表").as_deref(),
        Some("江城老王")
    );
    assert_eq!(forum_poster("本帖由小鱼爱装修发表").as_deref(), Some("小鱼爱装修"));
    assert_eq!(forum_poster("本贴最后由 江城老王 于 2024-3-5 编辑"), None);
    assert_eq!(forum_poster("本报讯 记者从市里获悉"), None);
}

#[test]
fn new_reporter_labels() {
    assert_eq!(author("执笔人：周文博").as_deref(), Some("周文博"));
    assert_eq!(author("本报实习生 刘畅").as_deref(), Some("刘畅"));
}
