//! A site's template in a page: the lines the batch learned its site prints on other pages
//! ([`crate::boilerplate`]), and what they may and may not decide about the lines around them.

use crate::boilerplate::SiteLines;
use crate::text::lines::Line;

use super::Entry;

/// Lines the page's site prints on its other pages are its template: chrome around the page's
/// own text. Between the first and the last line of running text the page does not share, they
/// are left to the page's own reading: two versions of one story share paragraphs, two recipes
/// share ingredients. Byline lines stay bylines (an author's name line comes back on each of
/// their pages), and when most of the page's running text is shared the page is another copy of
/// an article the batch holds, so only its short lines are taken as template.
///
/// A run of shared lines standing right above lines of the page's own, below the page's first
/// running text, is the page's too: a site prints the same table header row, list label or
/// `目录` over each page's own rows, entries and addresses, and the same contents list over two
/// chapters. Taken as template, such a label made the page's own lines under it look like the
/// page foot, which went with it. Lines that are furniture by their own shape stay so.
pub(super) fn mark_template_lines(lines: &[Line], entries: &mut [Entry<'_>], site: &SiteLines) {
    let template: Vec<bool> = lines
        .iter()
        .zip(entries.iter())
        .map(|(line, e)| e.byline.is_none() && site.contains(&line.text))
        .collect();
    let own_text = |i: &usize| entries[*i].running_text > 0 && !template[*i];
    let own_first = (0..entries.len()).find(own_text);
    let own_last = (0..entries.len()).rev().find(own_text);
    let inside = |i: usize| own_first.is_some_and(|f| f < i) && own_last.is_some_and(|l| i < l);
    let text: usize = entries.iter().map(|e| e.running_text).sum();
    let shared: usize = entries
        .iter()
        .zip(&template)
        .filter(|(_, t)| **t)
        .map(|(e, _)| e.running_text)
        .sum();
    let copy = shared * 2 > text;
    let first_text = entries.iter().position(|e| e.running_text > 0);
    let mut heads_own = vec![false; entries.len()];
    let mut above_own = false;
    for i in (0..entries.len()).rev() {
        let e = &entries[i];
        above_own = if template[i] {
            heads_own[i] = above_own && !e.furniture && first_text.is_some_and(|f| f < i);
            heads_own[i]
        } else {
            !e.furniture && e.byline.is_none()
        };
    }
    for (i, (e, template)) in entries.iter_mut().zip(template).enumerate() {
        let the_pages_own = inside(i) || heads_own[i] || copy && e.running_text > 0;
        if template && !the_pages_own {
            e.template = true;
            e.chrome = true;
            e.page_furniture = true;
            e.furniture = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::{Learner, document_keys};
    use crate::text::extract_with_site;

    /// The kept lines of each page, read alone and read with what the batch learned from all of
    /// them (one site).
    fn read_alone_and_as_batch(pages: &[String]) -> Vec<(Vec<String>, Vec<String>)> {
        let mut learner = Learner::default();
        for page in pages {
            learner.add("example.com", &document_keys(page));
        }
        let sites = learner.finish();
        let site = sites.get("example.com").map(|s| s.as_ref());
        assert!(
            site.is_some_and(|s| !s.is_empty()),
            "the batch learned the site's template"
        );
        let kept = |page: &str, site| -> Vec<String> {
            extract_with_site(page, site)
                .blocks
                .into_iter()
                .map(|b| b.text)
                .collect()
        };
        pages.iter().map(|page| (kept(page, None), kept(page, site))).collect()
    }

    /// Pages of one site that each hold a block the site labels the same way (a table's header
    /// row, a branch list's label, `目录`, `Contents`) over lines of the page's own, or the same
    /// contents list on two chapters: the shared label and list are learned as template, but
    /// they head the page's own lines and stay whole, as they do when each page is read alone;
    /// the site's real template (menus, a shared standfirst, the footer) still goes.
    #[test]
    fn a_shared_label_does_not_cut_off_the_pages_own_lines() {
        const BRANCHES: usize = 1;
        let zh_blocks: [(&str, [[&str; 3]; 2]); 3] = [
            (
                "省份\t粮食产量（万吨）\t比上年增减（%）",
                [
                    ["河南省\t6789.4\t1.2", "山东省\t5655.3\t0.8", "黑龙江省\t7763.1\t2.9"],
                    ["安徽省\t4150.8\t-0.4", "吉林省\t4080.8\t3.1", "江苏省\t3797.7\t0.5"],
                ],
            ),
            (
                "附：各地服务网点",
                [
                    [
                        "郑州办事处  金水路88号  0371-65432100",
                        "济南分公司  泉城路201号  0531-86671234",
                        "合肥服务中心  长江中路56号  0551-62287755",
                    ],
                    [
                        "西安办事处  南大街35号  029-87321456",
                        "成都分公司  人民南路12号  028-85512345",
                        "长沙服务中心  五一大道389号  0731-84456789",
                    ],
                ],
            ),
            (
                "目录",
                [
                    ["第一章 总体要求", "第二章 重点任务", "第三章 保障措施"],
                    ["第一章 总体要求", "第二章 重点任务", "第三章 保障措施"],
                ],
            ),
        ];
        let zh: Vec<String> = (0..6)
            .map(|n| {
                let (label, rows) = zh_blocks[n % 3];
                let block = format!("{label}\n{}", rows[n / 3].join("\n"));
                let last = format!("第{n}批项目的资金已经全部到位，居民代表表示将全程参与监督，确保工程质量。");
                // A branch list closes the article; a table or contents stands inside it.
                let (middle, end) = if n % 3 == BRANCHES {
                    (last, block)
                } else {
                    (block, last)
                };
                format!(
                    "河西新闻网|城建频道\n首页 | 新闻 | 城建 | 财经 | 教育 | 视频\n首页 > 城建 > 正文\n\
                     城市更新第{n}站：老街区焕新颜\n来源：河西日报  发布时间：2024年03月0{n}日\n\
                     本网讯 城市更新行动实施以来，河西各区持续推进老旧小区改造和街区环境提升。\n\
                     今年以来，全市加快推进老旧小区改造，累计完成改造项目{}个，惠及居民{}户。\n\
                     {middle}\n{end}\n上一篇：城市更新第{}站\n版权所有：河西新闻网\n",
                    120 + 7 * n,
                    3000 + 411 * n,
                    n + 10,
                )
            })
            .collect();
        let en_prose = [
            "The council approved the new budget on Tuesday after a long debate about school funding.",
            "The harbour ferry returned to service on Monday after three months of repairs to its engines.",
            "The library reopened after flood repairs to its basement and archive rooms this spring.",
            "The night bus service will reach the eastern suburbs from September, the council said.",
        ];
        let en: Vec<String> = en_prose
            .iter()
            .enumerate()
            .map(|(n, prose)| {
                format!(
                    "Riverside Gazette\nHome | News | Sport | Business | Weather\n\
                     Story number {n} from the valley\nBy Jane Roe\n{prose}\n\
                     Contents\nPart {n}.1 What changed\nPart {n}.2 Who pays\nPart {n}.3 What comes next\n\
                     Residents who spoke to the Gazette about story {n} said they welcomed the change but wanted more notice.\n\
                     Copyright 2024 Riverside Gazette\n"
                )
            })
            .collect();
        for pages in [zh, en] {
            for (page, (alone, batch)) in pages.iter().zip(read_alone_and_as_batch(&pages)) {
                let own_block: Vec<&str> = page
                    .lines()
                    .skip_while(|l| !["省份", "附：", "目录", "Contents"].iter().any(|s| l.starts_with(s)))
                    .take(4)
                    .collect();
                assert_eq!(own_block.len(), 4, "{page}");
                for line in own_block {
                    assert!(alone.iter().any(|k| k == line), "lost alone {line:?}: kept {alone:?}");
                    assert!(batch.iter().any(|k| k == line), "lost {line:?}: kept {batch:?}");
                }
                assert!(batch.iter().all(|line| alone.contains(line)), "{batch:?}\n{alone:?}");
                for chrome in [
                    "首页 | 新闻 | 城建 | 财经 | 教育 | 视频",
                    "版权所有：河西新闻网",
                    "本网讯 城市更新行动实施以来，河西各区持续推进老旧小区改造和街区环境提升。",
                    "Home | News | Sport | Business | Weather",
                    "Copyright 2024 Riverside Gazette",
                ] {
                    assert!(!batch.iter().any(|k| k == chrome), "{chrome:?} kept: {batch:?}");
                }
            }
        }
    }
}
