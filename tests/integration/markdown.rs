//! `--text-format markdown`: the structure of an article page (headings, nested and numbered
//! lists, a table with a header row, fenced code with its language, a quote, links) written as
//! Markdown; the plain text of the same page unchanged by the option.

use std::fs;

use crate::util::run_ok;

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tuning the ingest queue - Ops Notes</title></head>
<body><nav class="menu"><a href="/">Home</a> <a href="/ops">Ops</a></nav>
<article>
<h1>Tuning the ingest queue</h1>
<p>Our ingest queue fell behind twice last month, and both times the cause was the same: workers waited on a lock that the compaction job held for minutes at a time. This note records what we changed and what we measured afterwards.</p>
<h2>What we changed</h2>
<ul>
<li>Compaction now runs in slices of at most ten seconds, releasing the lock between slices.</li>
<li>Workers batch their writes:
  <ul><li>up to 500 rows per batch, or</li><li>whatever arrived within 200 milliseconds.</li></ul>
</li>
</ul>
<h2>How to roll it out</h2>
<ol>
<li>Deploy the new worker build to one region and watch the lag graph for an hour.</li>
<li>Enable sliced compaction with the flag shown below, region by region.</li>
<li>Remove the old cron entry once every region runs the new build.</li>
</ol>
<pre><code class="language-bash">ingestctl compaction --slice-seconds 10 --region eu-west</code></pre>
<h3>Results</h3>
<table><thead><tr><th>Metric</th><th>Before</th><th>After</th></tr></thead>
<tbody><tr><td>p99 lag</td><td>41 s</td><td>2.3 s</td></tr><tr><td>Lock waits per hour</td><td>1 200</td><td>35</td></tr></tbody></table>
<blockquote><p>The queue has not fallen behind since the change, even during the nightly backfill.</p></blockquote>
<p>The full incident report is in the <a href="/wiki/incidents/2024-03">incident wiki</a>, with the graphs we used.</p>
</article>
<footer class="site-footer">Ops Notes. All rights reserved.</footer></body></html>"#;

#[test]
fn markdown_writes_the_structure_and_plain_text_stays() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("page.html"), PAGE).unwrap();
    let plain = run_ok(&["page.html"], dir.path());
    let markdown = run_ok(&["--text-format", "markdown", "page.html"], dir.path());
    let linked = run_ok(&["--text-format", "markdown", "--links", "page.html"], dir.path());
    let plain_text = plain[0]["text"].as_str().unwrap();
    let text = markdown[0]["text"].as_str().unwrap();
    assert!(
        !plain_text.contains("## ") && !plain_text.contains("```"),
        "{plain_text}"
    );
    for expected in [
        "## What we changed\n\n- Compaction now runs in slices",
        "\n- Workers batch their writes:\n   - up to 500 rows per batch, or\n   - whatever arrived within 200 milliseconds.",
        "## How to roll it out\n\n1. Deploy the new worker build",
        "\n2. Enable sliced compaction",
        "\n3. Remove the old cron entry",
        "```bash\ningestctl compaction --slice-seconds 10 --region eu-west\n```",
        "### Results\n\n| Metric | Before | After |\n| --- | --- | --- |\n| p99 lag | 41 s | 2.3 s |\n| Lock waits per hour | 1 200 | 35 |",
        "> The queue has not fallen behind since the change",
        "The full incident report is in the incident wiki, with",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Every plain line is in the Markdown, in order; lang and fingerprint do not change.
    let mut rest = text;
    for line in plain_text.lines() {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing from the Markdown"));
        rest = &rest[at + line.len()..];
    }
    assert_eq!(markdown[0]["fingerprint"], plain[0]["fingerprint"]);
    assert_eq!(markdown[0]["lang"], plain[0]["lang"]);
    let linked_text = linked[0]["text"].as_str().unwrap();
    assert!(
        linked_text.contains("[incident wiki](/wiki/incidents/2024-03)"),
        "{linked_text}"
    );
}

/// A documentation page whose section titles are links that stay on the page: Sphinx's
/// `toc-backref` (back to the contents, beside a `¶` permalink) and a blog's `toclink` around
/// the title. Beside them, in the same article, a heading linking to another story and a
/// script's tab (`href="#"`), which are no sections.
const DOCS_PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sharing drafts between machines - hgext docs</title></head>
<body><div class="related"><a href="/">hgext docs</a> <a href="/guide">Guide</a></div>
<div class="body" role="main">
<h1>Sharing drafts between machines</h1>
<div class="contents topic" id="contents"><p class="topic-title">Contents</p>
<ul><li><a class="reference internal" href="#pushing-drafts" id="id1">Pushing drafts</a></li>
<li><a class="reference internal" href="#pulling-them-back" id="id2">Pulling them back</a></li></ul></div>
<p>When you work on two computers, you want your unfinished changes on both of them without publishing them to everyone else. This page shows how the draft phase makes that possible, and what to configure on each side.</p>
<div class="section" id="pushing-drafts">
<h2><a class="toc-backref" href="#id1">Pushing drafts</a><a class="headerlink" href="#pushing-drafts" title="Permalink to this headline">¶</a></h2>
<p>A push normally turns drafts into public changes. Configure the receiving repository as non-publishing first, so that what you push stays a draft there and can still be amended on either machine.</p>
</div>
<div class="section" id="pulling-them-back">
<h2><a class="toc-backref" href="#id2">Pulling them back</a><a class="headerlink" href="#pulling-them-back" title="Permalink to this headline">¶</a></h2>
<p>Pulling brings the drafts and their obsolescence markers back, so an amend made on the test server replaces the old version on your laptop as well, with no duplicate changes left behind.</p>
<h3 id="conflicts"><a class="toclink" href="#conflicts">When both sides amended</a></h3>
<p>If you amended the same draft on both machines, the next pull reports divergent changes, and the evolve command offers to merge the two versions into one, keeping the newer description.</p>
<h3><span class="mw-headline" id="Cleanup">Cleanup</span><span class="mw-editsection">[<a href="/w/edit?section=4">edit</a> | <a href="/w/edit?section=4&amp;source">edit source</a>]</span></h3>
<p>Once both machines have the merged version, prune the obsolete drafts with the evolve command so that neither side offers them again on the next push or pull.</p>
<h3><a href="/blog/phases-explained">Phases explained, in our previous post</a></h3>
<h3><a href="#">Most read</a></h3>
</div>
</div>
<div class="footer">hgext docs, licensed GPLv2.</div></body></html>"##;

#[test]
fn headings_linking_within_the_page_are_sections() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("docs.html"), DOCS_PAGE).unwrap();
    let plain = run_ok(&["docs.html"], dir.path());
    let markdown = run_ok(&["--text-format", "markdown", "docs.html"], dir.path());
    let text = markdown[0]["text"].as_str().unwrap();
    for expected in [
        "## Pushing drafts\n\nA push normally",
        "## Pulling them back\n\nPulling brings",
        "### When both sides amended\n\nIf you amended",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    let plain_text = plain[0]["text"].as_str().unwrap();
    assert!(plain_text.contains("\nPushing drafts\n"), "{plain_text}");
    assert!(text.contains("### Cleanup\n\nOnce both machines"), "{text}");
    for absent in ["¶", "edit source", "Phases explained", "Most read"] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
}

/// A club's guide (`fixtures/html/en/trail-guide-contents.html`): an `h1` that heads the first
/// section of a page titled otherwise, an outline of the text linking to its sections, and a
/// list of sentences with a nested list of linked reports. Beside them, a `#` script link and
/// a "Back to top" that are no outline.
#[test]
fn an_outline_nested_linked_items_and_a_headline_other_than_the_title_are_text() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/html/en/trail-guide-contents.html"
    );
    let dir = tempfile::tempdir().unwrap();
    fs::copy(page, dir.path().join("guide.html")).unwrap();
    let plain = run_ok(&["guide.html"], dir.path());
    let markdown = run_ok(&["--text-format", "markdown", "guide.html"], dir.path());
    assert_eq!(markdown[0]["title"], "Field Notes");
    let text = markdown[0]["text"].as_str().unwrap();
    for expected in [
        "# Before you set out on the northern loop\n\n",
        "- Packing for two nights\n- Water on the ridge\n   - The two springs\n- Closures this season\n",
        "- Reported by members and still open:\n   - Issue 412 – Waymark missing at the junction above the quarry, both directions\n   - Issue 415 – Stile broken",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    for absent in ["Share", "Back to top", "Posted by"] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
    let plain_text = plain[0]["text"].as_str().unwrap();
    assert!(
        plain_text.starts_with("Before you set out on the northern loop\n"),
        "{plain_text}"
    );
}
