//! The HTML extraction stage through the library: structure, asides, robustness.

use pagewash::content::{AsideKind, BlockKind};
use pagewash::extract::extract;

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>")
}

const PROSE: &str = "The committee met on Tuesday to review the budget, and after a long debate it agreed to \
                     fund the new library wing, the repairs to the old bridge, and two more buses for the school.";

#[test]
fn one_hundred_thousand_nested_divs_keep_their_text() {
    let n = 100_000;
    let html = "<div>".repeat(n) + PROSE + &"</div>".repeat(n);
    let out = extract(&html, None);
    assert_eq!(out.text(), PROSE);
}

#[test]
fn blocks_have_kinds_and_tables_are_one_row_per_line() {
    let html = page(&format!(
        "<article><h1>Headline</h1><p>{PROSE}</p><h2>Figures</h2><ul><li>first point</li><li>second point</li></ul>\
         <table><tr><th>Year</th><th>Buses</th></tr><tr><td>2023</td><td>12</td></tr></table>\
         <blockquote><p>Quoted words here.</p></blockquote><pre>fn main() {{\n    run();\n}}</pre><p>{PROSE}</p></article>"
    ));
    let out = extract(&html, None);
    let lines: Vec<(BlockKind, &str)> = out.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
    assert_eq!(
        lines,
        [
            (BlockKind::Paragraph, PROSE),
            (BlockKind::Heading, "Figures"),
            (BlockKind::ListItem, "first point"),
            (BlockKind::ListItem, "second point"),
            (BlockKind::TableRow, "Year | Buses"),
            (BlockKind::TableRow, "2023 | 12"),
            (BlockKind::Quote, "Quoted words here."),
            (BlockKind::Code, "fn main() {"),
            (BlockKind::Code, "    run();"),
            (BlockKind::Code, "}"),
            (BlockKind::Paragraph, PROSE),
        ]
    );
}

#[test]
fn hidden_text_is_set_aside_for_the_spam_stage() {
    let html = page(&format!(
        "<div class='content'><p>{PROSE}</p><div style='display: none'>cheap pills casino</div>\
         <p hidden>hidden attribute text</p><span aria-hidden='true'>aria hidden text</span>\
         <div style='visibility:hidden'>invisible text</div><p>{PROSE}</p></div>"
    ));
    let out = extract(&html, None);
    assert!(!out.text().contains("casino") && !out.text().contains("hidden"));
    let hidden: Vec<&str> = out
        .asides
        .iter()
        .filter(|a| a.kind == AsideKind::Hidden)
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(
        hidden,
        [
            "cheap pills casino",
            "hidden attribute text",
            "aria hidden text",
            "invisible text"
        ]
    );
}

#[test]
fn chrome_link_lists_are_set_aside_with_their_links() {
    let links: String = (0..20)
        .map(|i| format!("<li><a href='/p/{i}'>pill shop {i}</a></li>"))
        .collect();
    let html = page(&format!(
        "<nav><a href='/'>Home</a></nav><div class='article-body'><p>{PROSE}</p><p>{PROSE}</p></div>\
         <div class='sidebar'><ul>{links}</ul></div><footer>Copyright 2024 Example</footer>"
    ));
    let out = extract(&html, None);
    assert_eq!(out.text(), format!("{PROSE}\n{PROSE}"));
    let sidebar = out
        .asides
        .iter()
        .find(|a| a.kind == AsideKind::Chrome && a.links.len() == 20)
        .expect("the sidebar is set aside");
    assert_eq!(sidebar.links[3].href, "/p/3");
    assert_eq!(sidebar.links[3].text, "pill shop 3");
    assert!(out.asides.iter().any(|a| a.text.contains("Copyright 2024")));
}

#[test]
fn a_wrapper_named_like_chrome_that_holds_the_article_is_kept() {
    // `content-with-sidebar` names a layout wrapper, not a sidebar.
    let html = page(&format!(
        "<div class='content-with-sidebar'><div class='field-label-hidden'><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></div>\
         <div class='sidebar'><a href='/a'>Popular story one</a> <a href='/b'>Popular story two</a></div></div>"
    ));
    let out = extract(&html, None);
    assert_eq!(out.text(), [PROSE; 3].join("\n"));
}

#[test]
fn comments_longer_than_the_article_stay_out() {
    let comment = "I completely disagree with the council on this, because the money should go to roads, \
                   schools and the hospital first, and the bridge can wait another decade or two.";
    let comments: String = (0..8)
        .map(|_| format!("<li class='comment'><p>{comment}</p></li>"))
        .collect();
    let html = page(&format!(
        "<article><h1>Council funds the library</h1><p>{PROSE}</p><p>{PROSE}</p></article>\
         <section id='comments'><ol class='comment-list'>{comments}</ol></section>"
    ));
    let out = extract(&html, None);
    assert_eq!(out.text(), format!("{PROSE}\n{PROSE}"));
}

#[test]
fn chinese_portal_metadata() {
    let html = "<html><head><title>某地推进改造_国内新闻_华东在线</title></head><body>\
        <div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/gn/'>国内新闻</a> &gt; 正文</div>\
        <h1>某地推进改造</h1><div class='info'>发布时间：2024年04月02日 07:56 来源：江南日报 作者：李明</div>\
        <div class='content'><p>　　记者从市住建局获悉，今年全市计划改造老旧小区一百二十个，涉及居民三万余户，改造内容包括加装电梯、更新管网等。</p>\
        <p>　　市住建局有关负责人表示，改造工程将在今年六月前全部开工，年底前完成主体施工。</p></div>\
        <div class='editor'>（责任编辑：张华）</div></body></html>";
    let out = extract(html, None);
    let meta = &out.meta;
    assert_eq!(meta.title.as_deref(), Some("某地推进改造"));
    assert_eq!(meta.published.as_deref(), Some("2024-04-02T07:56:00+08:00"));
    assert_eq!(meta.source.as_deref(), Some("江南日报"));
    assert_eq!(meta.author.as_deref(), Some("李明"));
    assert_eq!(meta.site.as_deref(), Some("华东在线"));
    assert_eq!(meta.breadcrumbs, ["首页", "国内新闻"]);
    assert_eq!(meta.lang.as_deref(), Some("zh"));
    assert!(out.text().starts_with("记者从市住建局获悉"));
    assert!(!out.text().contains("责任编辑"));
}

#[test]
fn a_sentence_opening_with_the_reporter_is_no_byline() {
    let html = "<html><head><title>住房新政出台_江南日报</title></head><body><h1>住房新政出台</h1>\
        <p>记者从市住房和城乡建设局获悉，今年我市将新开工保障性住房三千套。</p>\
        <p>据介绍，新开工的保障性住房主要分布在城东和城南两个片区，预计明年年底前交付使用，首批申请将于下月开始受理。</p>\
        <p>市住房和城乡建设局相关负责人表示，将进一步完善配套设施，确保住房质量和居住环境。</p></body></html>";
    assert_eq!(extract(html, None).meta.author, None);
    let credited = html.replace("<h1>住房新政出台</h1>", "<h1>住房新政出台</h1><p>（记者 张三）</p>");
    assert_eq!(extract(&credited, None).meta.author.as_deref(), Some("张三"));
}

#[test]
fn english_dates_carry_no_implied_china_offset() {
    let html = page(&format!(
        "<h1>Budget agreed</h1><p class='date'>Published 2024-04-02 07:56</p><div class='story'><p>{PROSE}</p><p>{PROSE}</p></div>"
    ));
    let out = extract(&html, None);
    assert_eq!(out.meta.published.as_deref(), Some("2024-04-02T07:56:00"));
}

/// Microdata dates on several days: the article's own, first, and its teasers' after it. The
/// teasers do not date the page, nor do they hide the date of the story that holds the headline.
#[test]
fn the_story_with_the_headline_dates_the_page_among_teasers() {
    let teaser = |day: u8, title: &str| {
        format!(
            "<div itemscope itemtype='http://schema.org/NewsArticle'><meta itemprop='datePublished' \
             content='2024-11-{day:02}T09:00:00Z'><a href='/{day}'><span itemprop='headline'>{title}</span></a></div>"
        )
    };
    let html = page(&format!(
        "<main><article itemscope itemtype='http://schema.org/NewsArticle'><h1 itemprop='headline'>Budget agreed</h1>\
         <meta itemprop='datePublished' content='2024-11-05T10:20:00-05:00'><p>{PROSE}</p><p>{PROSE}</p></article></main>\
         <aside><h2>More stories</h2>{}{}</aside>",
        teaser(19, "Holiday hiring slows"),
        teaser(18, "Rates cut again")
    ));
    let out = extract(&html, None);
    assert_eq!(out.meta.published.as_deref(), Some("2024-11-05T10:20:00-05:00"));
}

#[test]
fn the_url_date_is_a_last_resort() {
    let html = page(&format!("<div class='story'><p>{PROSE}</p><p>{PROSE}</p></div>"));
    let out = extract(&html, Some("https://example.com/news/2023/11/05/budget.html"));
    assert_eq!(out.meta.published.as_deref(), Some("2023-11-05"));
}

#[test]
fn malformed_markup_never_panics() {
    let inputs = [
        "",
        "<",
        "<<<>>>",
        "<div",
        "<a href='x",
        "</div></div></p>",
        "<table><td><table><td><p><li><h1>x",
        "<script>",
        "<svg><title>x</title><p>y",
        "<template><p>z</p></template>",
        "<b><i><u><s>".repeat(5000).as_str(),
        "<p>".repeat(50_000).as_str(),
        "</b>".repeat(50_000).as_str(),
        "<font><table>".repeat(3000).as_str(),
        "\u{0}\u{feff}<html>\u{fffd}",
    ]
    .map(String::from);
    for html in &inputs {
        let _ = extract(html, None);
    }
}

#[test]
fn structured_data_name_beats_a_headline_that_is_a_description() {
    // Wikipedia-style JSON-LD: `headline` is the article's description, `name` its title.
    let body = format!("<h1>New Zealand</h1><div class='content'><p>{PROSE}</p><p>{PROSE}</p></div>");
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article",
        "name":"New Zealand","headline":"constitutional monarchy in Oceania"}</script>"#;
    let without_title = format!("<!DOCTYPE html><html><head>{ld}</head><body>{body}</body></html>");
    assert_eq!(extract(&without_title, None).meta.title.as_deref(), Some("New Zealand"));
    let with_title = format!("<html><head><title>New Zealand - Wikipedia</title>{ld}</head><body>{body}</body></html>");
    assert_eq!(extract(&with_title, None).meta.title.as_deref(), Some("New Zealand"));
}

#[test]
fn the_structured_headline_wins_over_a_social_title_only_when_it_is_the_visible_headline() {
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"The Deck of Cards That Made Tarot Famous"}</script>"#;
    let og = r#"<meta property="og:title" content="If You Can Picture A Tarot Card, Thank These People">"#;
    let story = format!("<div class='content'><p>{PROSE}</p><p>{PROSE}</p></div>");
    let rewritten = format!(
        "<html><head>{og}{ld}</head><body><h1>The Deck of Cards That Made Tarot Famous</h1>{story}</body></html>"
    );
    assert_eq!(
        extract(&rewritten, None).meta.title.as_deref(),
        Some("The Deck of Cards That Made Tarot Famous")
    );
    // The visible headline is the social title: the social title stays.
    let shown = format!(
        "<html><head>{og}{ld}</head><body><h1>If You Can Picture A Tarot Card, Thank These People</h1>{story}</body></html>"
    );
    assert_eq!(
        extract(&shown, None).meta.title.as_deref(),
        Some("If You Can Picture A Tarot Card, Thank These People")
    );
}

#[test]
fn a_tiny_page_keeps_its_only_paragraph_even_inside_chrome() {
    let notices = [
        ("<p>Back on Monday.</p>", "Back on Monday."),
        (
            "<div class='footer'><p>Our office is closed for the holidays and reopens in January.</p></div>",
            "Our office is closed for the holidays and reopens in January.",
        ),
        (
            "<header><p>Welcome to the Riverside Chess Club, where we meet every Tuesday.</p></header>",
            "Welcome to the Riverside Chess Club, where we meet every Tuesday.",
        ),
        (
            "<div class='comments'><p>本站正在维护，请稍后再来访问。</p></div>",
            "本站正在维护，请稍后再来访问。",
        ),
    ];
    for (body, text) in notices {
        let out = extract(&page(body), None);
        assert_eq!(out.text(), text, "{body}");
        // Taken as the text, it is not also set aside.
        assert!(out.asides.iter().all(|a| !a.text.contains(text)), "{body}");
    }
}

#[test]
fn a_page_of_only_navigation_and_copyright_stays_empty() {
    let body = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>\
                <footer><p>© 2024 Riverside Chess Club. All rights reserved.</p></footer>";
    assert_eq!(extract(&page(body), None).text(), "");
}

#[test]
fn a_link_spelled_out_as_its_address_is_text_but_a_teaser_link_is_not() {
    let body = format!(
        "<div class='story'><p>{PROSE}</p><p>{PROSE}</p><p><a href='https://example.org/report'>https://example.org/report</a></p>\
         <p><a href='/news/other-story'>Council approves the new parking rules downtown</a></p><p>{PROSE}</p></div>"
    );
    let text = extract(&page(&body), None).text();
    assert!(text.contains("\nhttps://example.org/report\n"), "{text}");
    assert!(!text.contains("parking rules"), "{text}");
}

#[test]
fn a_byline_between_the_headline_and_the_text_is_the_articles_however_nested() {
    let html = format!(
        "<html><head><title>Council funds library wing | Daily</title></head><body>\
         <div class='top'><div class='title-box'><div class='hl'><h1>Council funds library wing</h1></div></div>\
         <div class='attribution'><div class='auth-box'><div class='author'>Jane Roe</div></div></div></div>\
         <div class='columns'><div class='main'><article><div class='story'><p>{PROSE}</p><p>{PROSE}</p></div></article></div></div>\
         <div class='more'><div class='author'>Someone Else</div></div></body></html>"
    );
    let out = extract(&html, None);
    assert_eq!(out.meta.author.as_deref(), Some("Jane Roe"));
}

#[test]
fn the_article_text_behind_a_paywall_wrapper_is_kept_but_the_paywall_prompt_is_not() {
    let rest = "Analysts said the results were better than they looked, because the timing of one payment moved \
                sales into the next quarter, and they expect the stock to recover before the end of the year.";
    let body = format!(
        "<article><h1>Shares fall after results</h1><div class='article-body'><p>{PROSE}</p>\
         <div class='paywall'><p>{rest}</p><p>{rest}</p><p>{rest}</p></div>\
         <div class='paywall-prompt'><p>Subscribe to keep reading.</p></div></div></article>"
    );
    let text = extract(&page(&body), None).text();
    assert!(text.contains(rest), "{text}");
    assert!(!text.contains("Subscribe to keep reading"), "{text}");
}

#[test]
fn paragraphs_set_as_headings_count_as_text() {
    // A page that writes its article in `h2`s, next to a short run of ordinary paragraphs
    // about something else.
    let item = "Officials said on Monday that the new survey, carried out in 27 provinces with 2,500 people, \
                shows trust in the service has risen, although some regions still lag behind the rest.";
    let body = format!(
        "<h1>Survey shows trust rising</h1><section class='entry'><h2>{item}</h2><h2>{item}</h2><h2>{item}</h2>\
         <h2>{item}</h2></section><div class='box'><p>{PROSE}</p></div>"
    );
    let text = extract(&page(&body), None).text();
    assert!(text.starts_with(item), "{text}");
}

#[test]
fn a_headline_other_than_the_title_opens_the_text_before_its_body() {
    // A page titled by its series, whose `h1` names the post and stands before the body the
    // selection chooses; with a title that says the headline, the headline is not text.
    let body = format!(
        "<header><a href='/'>Ridge Walkers</a> <a href='/notes'>Notes</a></header>\
         <h1>Spring walks on the northern loop</h1><div class='entry'><p>{PROSE}</p><p>{PROSE}</p></div>\
         <footer><a href='/about'>About the club</a></footer>"
    );
    let titled =
        |title: &str| format!("<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>");
    let out = extract(&titled("Club newsletter archive"), None);
    assert_eq!(
        out.text(),
        format!("Spring walks on the northern loop\n{PROSE}\n{PROSE}")
    );
    let out = extract(&titled("Spring walks on the northern loop | Ridge Walkers"), None);
    assert_eq!(out.text(), format!("{PROSE}\n{PROSE}"));
}
