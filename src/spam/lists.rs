//! Place-name lists and keyword lists: runs of short items, joined by list separators, that no
//! sentence holds and that the article does not need.
//!
//! A candidate is a dense stretch of recognised items inside a chain of item-like pieces
//! ([`tokens`]). It must look like a list (at least [`MIN_ITEMS`] items, most of them recognised,
//! no sentence around it) and read as unrelated to the article: place names absent from the
//! body, spread over many provinces, mixing levels, in the other script; keywords from the spam
//! vocabulary. The confidence combines the evidence as independent signals (noisy-or), scaled by
//! how list-like the run is and damped by what legitimate lists look like (all in one province,
//! provinces only, introduced by a label, sharing a search term).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::gazetteer::{self, COUNTY, PROVINCE, Place, Spelling};
use super::items::{Item, Role, chain_items};
use super::keywords;
use super::tokens::{self, Gap, Piece, unwrap_item};
use crate::decode::script::{self, HanScript, ScriptCounts};

/// The fewest items a spam list has.
pub const MIN_ITEMS: usize = 6;
/// The fewest items of a keyword list that stands alone in its block(s) and is mostly spam terms.
pub(super) const MIN_KEYWORD_ITEMS: usize = 4;
/// The most pieces judged as one chain (see [`find`]).
const MAX_CHAIN_ITEMS: usize = 65_536;
/// Runs reported from this confidence on; below it the document is left alone.
pub const THRESHOLD: f32 = 0.6;
/// Unrecognised items a list may hold in a row (a township, a typo) without ending.
const MAX_UNKNOWN_GAP: usize = 2;

/// Words that join clauses or close an enumeration: a piece holding one is prose.
const CLAUSE_JOINERS: [char; 8] = ['和', '及', '与', '與', '等', '或', '并', '並'];

/// Labels of tag, keyword and search blocks: chrome that names the article's topics, not spam,
/// when the article is about them; the label SEO blocks carry when it is not (`热搜：`, `友情链接：`
/// over a list of places or terms the article never mentions). Unlike a label that introduces
/// content (`名单如下：`), such a label says nothing for the list.
const TAG_LABELS: &[&str] = &[
    "标签",
    "標籤",
    "标签云",
    "关键词",
    "關鍵詞",
    "关键字",
    "關鍵字",
    "tag",
    "tags",
    "keyword",
    "keywords",
    "相关搜索",
    "相關搜索",
    "热门搜索",
    "熱門搜索",
    "热搜",
    "熱搜",
    "热搜词",
    "熱搜詞",
    "热词",
    "熱詞",
    "大家都在搜",
    "猜你喜欢",
    "猜你喜歡",
    "友情链接",
    "友情鏈接",
    "推荐",
    "推薦",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Place,
    Keyword,
}

/// Where the list was found: visible text judges position, hidden text is suspect by itself,
/// chrome the content stage removed is neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Visible,
    Hidden,
    Removed,
}

/// A list judged to be spam: pieces `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRun {
    pub kind: ListKind,
    pub first: usize,
    pub last: usize,
    pub items: u32,
    pub known: u32,
    pub confidence: f32,
}

/// What the rest of the document says, for telling related lists from unrelated ones.
pub struct Body<'a> {
    texts: Vec<&'a str>,
    index: OnceLock<HashMap<&'a str, u32>>,
    script: OnceLock<ScriptCounts>,
}

impl<'a> Body<'a> {
    pub fn new(texts: Vec<&'a str>) -> Body<'a> {
        Body {
            texts,
            index: OnceLock::new(),
            script: OnceLock::new(),
        }
    }

    /// How often `key` (2 to 4 characters) occurs in the body.
    fn count(&self, key: &str) -> u32 {
        let index = self.index.get_or_init(|| ngram_counts(self.texts.iter().copied()));
        index.get(key).copied().unwrap_or(0)
    }

    /// The script the body is written in once `run` is left out, when it is clearly one.
    fn script_without(&self, run: ScriptCounts) -> Option<Spelling> {
        let all = *self.script.get_or_init(|| {
            self.texts.iter().fold(ScriptCounts::default(), |acc, text| {
                let c = script::count(text);
                ScriptCounts {
                    simplified: acc.simplified + c.simplified,
                    traditional: acc.traditional + c.traditional,
                }
            })
        });
        let rest = ScriptCounts {
            simplified: all.simplified.saturating_sub(run.simplified),
            traditional: all.traditional.saturating_sub(run.traditional),
        };
        match rest.script() {
            HanScript::Simplified => Some(Spelling::SimplifiedOnly),
            HanScript::Traditional => Some(Spelling::TraditionalOnly),
            HanScript::Mixed | HanScript::None => None,
        }
    }
}

/// The document's pieces and the items of its chains that stand outside sentences: a term the
/// article uses stands in its sentences, not only in lists (a stuffed list written in several
/// parts repeats its own terms).
struct Listed<'a, S> {
    blocks: &'a [S],
    pieces: &'a [Piece],
    chains: &'a [(usize, usize)],
    counts: OnceLock<HashMap<&'a str, u32>>,
}

impl<'a, S: AsRef<str>> Listed<'a, S> {
    /// How often `key` occurs in the items of the document's chains.
    fn count(&self, key: &str) -> u32 {
        let counts = self.counts.get_or_init(|| {
            ngram_counts(
                self.chains
                    .iter()
                    .flat_map(|&(start, end)| {
                        self.pieces[start..end]
                            .iter()
                            .map(|p| unwrap_item(&self.blocks[p.block].as_ref()[p.start..p.end]))
                    })
                    // Bounded like the chains themselves; what lies past the bound counts as the
                    // article's (the cautious side).
                    .take(2 * MAX_CHAIN_ITEMS),
            )
        });
        counts.get(key).copied().unwrap_or(0)
    }
}

/// Counts of every 2- to 4-character substring: linear in the text, built only when a candidate
/// list needs it.
fn ngram_counts<'a>(texts: impl Iterator<Item = &'a str>) -> HashMap<&'a str, u32> {
    let mut counts = HashMap::new();
    let mut bounds = Vec::new();
    for text in texts {
        bounds.clear();
        bounds.extend(text.char_indices().map(|(i, _)| i));
        bounds.push(text.len());
        for i in 0..bounds.len().saturating_sub(2) {
            for len in 2..=4 {
                let Some(&end) = bounds.get(i + len) else { break };
                *counts.entry(&text[bounds[i]..end]).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// The first four characters of a name: the key it is counted under.
fn key(name: &str) -> &str {
    match name.char_indices().nth(4) {
        Some((i, _)) => &name[..i],
        None => name,
    }
}

/// Whether [`find`] may report a run in `blocks`; when false it reports none, so the blocks need
/// not be split into pieces at all (most pages, those with no Han text and no spam term).
///
/// Why that is exact: [`find`] reports only what [`judge_chain`] pushes, and that only from a
/// dense stretch, which starts on an item that is a known place or has a keyword weight above 0.
/// An item's text is a substring of its block (a piece with a wrapping bracket pair removed). It
/// is looked up in the gazetteer only when it holds a Han character ([`script::is_han`]), so a
/// block with none holds no place; its weight is above 0 only when the vocabulary's automaton
/// matches in it, and a match in a substring is a match in the block (in a block without a Han
/// character, a match of a term without one: [`keywords::occurs_in_text_without_han`]).
pub fn may_find<S: AsRef<str>>(blocks: &[S]) -> bool {
    blocks.iter().any(|b| {
        let text = b.as_ref();
        script::has_han(text) || keywords::occurs_in_text_without_han(text)
    })
}

/// Finds the spam lists among `pieces` of `blocks`. Runs never overlap; they come in document
/// order.
pub fn find<S: AsRef<str>>(blocks: &[S], pieces: &[Piece], body: &Body<'_>, setting: Setting) -> Vec<ListRun> {
    // How many pieces share each piece's stretch of its block between sentence ends and labels:
    // a list written one name a line may start right after the sentence its first name is glued
    // to (`…完毕。玛多县` / `新郑市` / …), and end right before one.
    let mut stretches = vec![Stretch::default(); pieces.len()];
    let mut from = 0;
    for i in 0..=pieces.len() {
        let ends = i == pieces.len() || pieces[i].block != pieces[from].block || pieces[i].gap_before >= Gap::Label;
        if ends && i > from {
            // Two words joined by a dash make one item (`代开发票-免费`, `X-官方下载`: a term and
            // its carrier, as stuffed lists write them one a line).
            let dash_pair = i - from == 2 && pieces[from + 1].gap_before == Gap::List && pieces[from + 1].arrow_before;
            let size = if dash_pair { 1 } else { (i - from) as u32 };
            let whole = whole_line(blocks, pieces, from, i);
            let stretch = Stretch {
                size,
                whole,
                row: if size > 1 && whole {
                    row_separator(blocks, &pieces[from..i])
                } else {
                    None
                },
            };
            stretches[from..i].fill(stretch);
            from = i;
        }
    }
    let chains = chains(pieces, &stretches);
    let lists: Vec<(usize, usize)> = chains
        .iter()
        .copied()
        .filter(|&(start, end)| !in_sentence(blocks, pieces, start, end))
        .collect();
    let listed = Listed {
        blocks,
        pieces,
        chains: &lists,
        counts: OnceLock::new(),
    };
    let mut runs = Vec::new();
    for &(start, end) in &chains {
        // A page that is one endless run of short pieces (a 50 MB line of words) is judged a
        // window at a time, so memory stays bounded by the window, not the page. Real spam
        // lists are far shorter than a window (a list cut by a window edge is judged in parts).
        let mut from = start;
        while from < end {
            let to = if end - from < MAX_CHAIN_ITEMS + MAX_CHAIN_ITEMS / 2 {
                end
            } else {
                from + MAX_CHAIN_ITEMS
            };
            judge_chain(&listed, from, to, body, setting, &mut runs);
            from = to;
        }
    }
    runs
}

/// A stretch of a block between sentence ends and labels: how many pieces it holds, whether it
/// makes its line, and, when it is a row (a line of items all joined by one separator), that
/// separator.
#[derive(Debug, Clone, Copy, Default)]
struct Stretch {
    size: u32,
    whole: bool,
    row: Option<char>,
}

/// Whether the stretch `from..to` makes its line: nothing but a label before it, and no sentence
/// end or label after it (`北京 | 上海 | 广州`, `热搜：北京，上海`; not `今年以来，全市新建…。`).
fn whole_line<S: AsRef<str>>(blocks: &[S], pieces: &[Piece], from: usize, to: usize) -> bool {
    let block = pieces[from].block;
    let opens = from == 0
        || pieces[from - 1].block != block
        || (pieces[from].gap_before == Gap::Label && (from == 1 || pieces[from - 2].block != block));
    let last = &pieces[to - 1];
    let rest = &blocks[block].as_ref()[last.end..];
    opens
        && pieces.get(to).is_none_or(|p| p.block != block)
        && !rest
            .chars()
            .any(|c| tokens::separator(c).is_some_and(|g| g >= Gap::Label))
}

/// The separator joining every piece of `stretch` when all of them are items and it is one
/// character besides spaces: a row of a table (`a | b | c`) or of a list wrapped over lines.
///
/// A dash inside an item (`代开发票-免费`: a term and its carrier) is no separator of the row.
fn row_separator<S: AsRef<str>>(blocks: &[S], stretch: &[Piece]) -> Option<char> {
    let separator = |pair: &[Piece]| {
        let gap = &blocks[pair[1].block].as_ref()[pair[0].end..pair[1].start];
        gap.chars().find(|c| !c.is_whitespace()).unwrap_or(' ')
    };
    let mut separators = stretch.windows(2).map(separator).filter(|c| !matches!(c, '-' | '－'));
    // Spaces are no row's mark: words of a menu, a tag line and a list in a row are all spaced.
    let first = separators.next().filter(|&c| c != ' ')?;
    (stretch.iter().all(|p| p.item_like) && separators.all(|c| c == first)).then_some(first)
}

/// Whether the line starting at piece `at` continues the rows of a table whose row before holds
/// `size` items joined by `row`: a row of about the same size (half to twice) and the same
/// separator, or its last row, shorter.
fn continues_rows(pieces: &[Piece], stretches: &[Stretch], at: usize, row: char, size: u32) -> bool {
    let next = stretches[at];
    let same = next.row == Some(row);
    if pieces[at].gap_before != Gap::Line || !(same || next.size == 1 && next.whole) {
        return false;
    }
    if same && next.size * 2 >= size && next.size <= size * 2 {
        return true;
    }
    // Shorter: the table's last row, which no row of its kind follows.
    let after = at + next.size as usize;
    next.size < size
        && !(after < pieces.len() && pieces[after].gap_before == Gap::Line && stretches[after].row == Some(row))
}

/// The chains of item-like pieces `start..end` that hold enough items to be judged, in order.
fn chains(pieces: &[Piece], stretches: &[Stretch]) -> Vec<(usize, usize)> {
    let mut chains = Vec::new();
    let mut start = 0;
    while start < pieces.len() {
        if !pieces[start].item_like {
            start += 1;
            continue;
        }
        let mut end = start + 1;
        while end < pieces.len() && pieces[end].item_like && pieces[end].gap_before <= Gap::Line {
            // A line break joins one-item lines (a list written one name a line) and the rows of
            // a table (lines of as many items, joined by one separator, the last row maybe
            // shorter), never a line of several items to a line of another shape: that is how a
            // list sits next to a tag line, a local list or a navigation bar without becoming
            // one with it.
            let (before, after) = (stretches[end - 1], stretches[end]);
            if pieces[end].gap_before == Gap::Line
                && (before.size > 1 || after.size > 1)
                && !before
                    .row
                    .is_some_and(|row| continues_rows(pieces, stretches, end, row, before.size))
            {
                break;
            }
            end += 1;
        }
        if end - start >= MIN_KEYWORD_ITEMS {
            chains.push((start, end));
        }
        start = end;
    }
    chains
}

/// Whether the chain `start..end` is a sentence's enumeration: a sentence end follows it, or a
/// piece longer than a name joins clauses (`…和时时彩等违法行为`; `和林格尔县` is a place).
fn in_sentence<S: AsRef<str>>(blocks: &[S], pieces: &[Piece], start: usize, end: usize) -> bool {
    let text = |p: &Piece| &blocks[p.block].as_ref()[p.start..p.end];
    let clause = |t: &str| t.contains(CLAUSE_JOINERS) && t.chars().count() > 6 && gazetteer::lookup(t).is_none();
    let last = &pieces[end - 1];
    let rest = &blocks[last.block].as_ref()[last.end..];
    pieces[start..end].iter().any(|p| clause(text(p)))
        || rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| tokens::separator(c) == Some(Gap::Hard))
}

/// Judges one chain of item-like pieces `start..end`.
fn judge_chain<S: AsRef<str>>(
    listed: &Listed<'_, S>,
    start: usize,
    end: usize,
    body: &Body<'_>,
    setting: Setting,
    runs: &mut Vec<ListRun>,
) {
    let (blocks, pieces) = (listed.blocks, listed.pieces);
    let Some(items) = chain_items(blocks, &pieces[start..end]) else {
        return;
    };
    let mut places: Vec<ListRun> = Vec::new();
    for (a, b) in dense_stretches(items.len(), |i| items[i].place.is_some()) {
        let (a, b) = to_block_edges(blocks, pieces, start, end, a, b);
        if let Some(run) = judge_place_list(blocks, pieces, start, &items, a, b, body, setting) {
            places.push(run);
        }
    }
    // A chain that holds no place list may be one keyword list whole, however many of its
    // items the vocabulary lacks (stuffed lists mix terms it knows with others).
    // It runs from its first recognised item to its last, with the few unknown ones beside
    // them up to a boundary (see `to_block_edges`).
    let first_known = items.iter().position(|i| i.role != Role::Other);
    let last_known = items.iter().rposition(|i| i.role != Role::Other);
    // So may a chain that mixes places with spam terms, as generators mix them: judged whole, it
    // takes the place runs found inside it.
    let mixed = || items.iter().any(|i| i.role == Role::Spam);
    if (places.is_empty() || mixed())
        && let (Some(a), Some(b)) = (first_known, last_known)
    {
        let (a, b) = to_block_edges(blocks, pieces, start, end, a, b);
        if let Some(run) = judge_keyword_list(blocks, pieces, start, &items, a, b, body, listed, setting)
            && places.iter().all(|p| run.first <= p.first && p.last <= run.last)
        {
            runs.push(run);
            return;
        }
    }
    let mut found: Vec<ListRun> = Vec::new();
    for (a, b) in dense_stretches(items.len(), |i| items[i].role != Role::Other) {
        let (a, b) = to_block_edges(blocks, pieces, start, end, a, b);
        // Place runs are in order: the first that ends at or after this stretch's start is the
        // only one that can overlap it.
        let next = places.partition_point(|r| r.last < start + a);
        let overlaps = places.get(next).is_some_and(|r| r.first <= start + b);
        if overlaps {
            continue;
        }
        if let Some(run) = judge_keyword_list(blocks, pieces, start, &items, a, b, body, listed, setting) {
            found.push(run);
        }
    }
    found.append(&mut places);
    found.sort_by_key(|r| r.first);
    runs.extend(found);
}

/// Widens the stretch `a..=b` of the chain `start..end` over the few unrecognised items between
/// it and the nearest boundary (block edge, sentence end, label), so that such an item (a
/// township, a term the vocabulary lacks: `…、一本道、偷拍視頻`) neither stays behind nor reads as
/// the sentence the list belongs to. Words that join clauses (`和`, `等`) keep a piece out: it is
/// prose.
fn to_block_edges<S: AsRef<str>>(
    blocks: &[S],
    pieces: &[Piece],
    start: usize,
    end: usize,
    a: usize,
    b: usize,
) -> (usize, usize) {
    let prose = |i: usize| {
        let p = &pieces[i];
        let text = &blocks[p.block].as_ref()[p.start..p.end];
        text.contains(CLAUSE_JOINERS)
    };
    let boundary = |gap: Gap| gap >= Gap::Line;
    let (first, last) = (start + a, start + b);
    let mut j = last;
    while j + 1 < end && j - last < MAX_UNKNOWN_GAP && !boundary(pieces[j + 1].gap_before) && !prose(j + 1) {
        j += 1;
    }
    let b = if pieces.get(j + 1).is_none_or(|p| boundary(p.gap_before)) {
        b + (j - last)
    } else {
        b
    };
    let mut i = first;
    while i > start && first - i < MAX_UNKNOWN_GAP && !boundary(pieces[i].gap_before) && !prose(i - 1) {
        i -= 1;
    }
    let a = if boundary(pieces[i].gap_before) {
        a - (first - i)
    } else {
        a
    };
    (a, b)
}

/// Maximal stretches `a..=b` of the chain that start and end on a known item and never hold
/// more than [`MAX_UNKNOWN_GAP`] unknown items in a row.
fn dense_stretches(len: usize, known: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for i in (0..len).filter(|&i| known(i)) {
        current = match current {
            Some((a, b)) if i - b - 1 <= MAX_UNKNOWN_GAP => Some((a, i)),
            Some(done) => {
                out.push(done);
                Some((i, i))
            }
            None => Some((i, i)),
        };
    }
    out.extend(current);
    out
}

/// How the run sits among its neighbours.
struct Surroundings {
    /// No other piece in the first block before it / in the last block after it.
    at_block_start: bool,
    at_block_end: bool,
    /// No piece of the document before / after it.
    at_doc_start: bool,
    at_doc_end: bool,
    /// Introduced by a label (`名单如下：`), which legitimate lists usually are.
    labelled: bool,
    /// Introduced by a tag label (`标签：`, `相关搜索：`): the page's own topics, if the article
    /// is about them; a spam list's label when it is not.
    tagged: bool,
}

/// Reads the run's neighbours; `None` when they make it part of a sentence.
fn surroundings<S: AsRef<str>>(
    blocks: &[S],
    pieces: &[Piece],
    first: usize,
    last: usize,
    setting: Setting,
) -> Option<Surroundings> {
    let before = first.checked_sub(1).map(|i| &pieces[i]);
    let after = pieces.get(last + 1);
    let gap_before = pieces[first].gap_before;
    let gap_after = after.map(|p| p.gap_before);
    let text = |p: &Piece| &blocks[p.block].as_ref()[p.start..p.end];
    // An enumeration comma joining the list to other words: `受灾的有A、B、C…` or `…、F等地`.
    if before.is_some() && gap_before == Gap::Comma || after.is_some() && gap_after == Some(Gap::Comma) {
        return None;
    }
    // `A B C … F 等城市`: the list is the subject of a sentence.
    if let Some(next) = after
        && gap_after == Some(Gap::List)
        && ["等", "和", "及", "与", "與", "以及"]
            .iter()
            .any(|w| text(next).starts_with(w))
    {
        return None;
    }
    let mut labelled = false;
    let mut tagged = false;
    if gap_before == Gap::Label
        && let Some(label) = before
    {
        let label = text(label).trim().to_lowercase();
        // Hidden, a label says nothing: nobody was meant to read it.
        if setting != Setting::Hidden {
            tagged = TAG_LABELS.iter().any(|t| label.ends_with(t));
            labelled = !tagged;
        }
    }
    // A label that opens the line belongs to the list's line (`热搜：A，B，C`).
    let label_opens_line = gap_before == Gap::Label
        && first >= 1
        && (first == 1
            || pieces[first - 1].block != pieces[first - 2].block
            || pieces[first - 1].gap_before >= Gap::Line);
    Some(Surroundings {
        at_block_start: before.is_none_or(|p| p.block != pieces[first].block) || label_opens_line,
        at_block_end: after.is_none_or(|p| p.block != pieces[last].block),
        at_doc_start: before.is_none(),
        at_doc_end: after.is_none(),
        labelled,
        tagged,
    })
}

/// Combines independent pieces of evidence, each in 0..1.
pub(super) fn noisy_or(evidence: &[f32]) -> f32 {
    1.0 - evidence.iter().fold(1.0, |acc, e| acc * (1.0 - e.clamp(0.0, 1.0)))
}

/// How list-like a run of `n` items is: six items make a short list, a dozen a sure one.
pub(super) fn size_factor(n: usize) -> f32 {
    (0.8 + 0.04 * (n.saturating_sub(MIN_ITEMS)) as f32).min(1.0)
}

/// The share of items that contain a two-character string most of them share: search results
/// for one name, or the stem of a family of search phrases.
fn shared_stem_share(items: &[&str]) -> f32 {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for item in items {
        let bounds: Vec<usize> = item.char_indices().map(|(i, _)| i).chain([item.len()]).collect();
        let mut grams: Vec<&str> = bounds.windows(3).map(|w| &item[w[0]..w[2]]).collect();
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            *seen.entry(gram).or_insert(0) += 1;
        }
    }
    let best = seen.values().copied().max().unwrap_or(0);
    best as f32 / items.len().max(1) as f32
}

/// The share of neighbouring places (unrecognised items skipped) that lie in one province.
fn neighbours_in_one_province(places: &[&Place<'_>]) -> f32 {
    let mut pairs = 0usize;
    let mut together = 0usize;
    for pair in places.windows(2) {
        let (a, b) = (pair[0].entry.provinces, pair[1].entry.provinces);
        if a == 0 || b == 0 {
            continue;
        }
        pairs += 1;
        if a & b != 0 {
            together += 1;
        }
    }
    if pairs == 0 {
        0.0
    } else {
        together as f32 / pairs as f32
    }
}

#[allow(clippy::too_many_arguments)]
fn judge_place_list<S: AsRef<str>>(
    blocks: &[S],
    pieces: &[Piece],
    offset: usize,
    items: &[Item<'_>],
    a: usize,
    b: usize,
    body: &Body<'_>,
    setting: Setting,
) -> Option<ListRun> {
    let run = &items[a..=b];
    let n = run.len();
    let places: Vec<&Place<'_>> = run.iter().filter_map(|i| i.place.as_ref()).collect();
    let known = places.len();
    let weighted: f32 = places.iter().map(|p| p.weight).sum();
    // Places mixed with words that are no places (a generator's mix of counties and terms the
    // vocabulary may lack): at least two thirds of a list of six or more, judged further below
    // on what the other items are. Half would take a line of names and their home towns
    // (`张三 五常市 李四 精河县 …`).
    let mixed = known * 4 < n * 3;
    if n < MIN_KEYWORD_ITEMS
        || mixed && (n < MIN_ITEMS || known * 3 < n * 2 || weighted < 0.5 * n as f32)
        || !mixed && weighted < 0.6 * n as f32
    {
        return None;
    }
    let (first, last) = (offset + a, offset + b);
    let around = surroundings(blocks, pieces, first, last, setting)?;
    if !around.at_block_start && !around.at_block_end {
        return None;
    }
    // A mixed list stands alone in its block(s), unlabelled, reaches for counties across levels,
    // and its other items are words, not clauses (nor single characters, which the article's
    // n-gram index cannot say it never uses).
    if mixed {
        let alone = around.at_block_start && around.at_block_end || setting == Setting::Hidden;
        let counties = places.iter().filter(|p| p.entry.levels == COUNTY).count();
        let levels = places.iter().fold(0u8, |acc, p| acc | p.entry.levels);
        let others_are_words = run
            .iter()
            .filter(|i| i.place.is_none())
            .all(|i| !i.text.contains(CLAUSE_JOINERS) && (2..=12).contains(&i.text.chars().count()));
        if !alone || around.labelled || around.tagged || counties == 0 || levels == COUNTY || !others_are_words {
            return None;
        }
    }
    // A short list must stand alone, unlabelled, every item a place.
    let short = n < MIN_ITEMS;
    if short && (!(around.at_block_start && around.at_block_end) || around.labelled || known < n) {
        return None;
    }
    // All the places could lie in one province: a local list (a flood's counties, a city's
    // districts), never what a spammer appends.
    let common = places.iter().fold(u64::MAX, |acc, p| acc & p.entry.provinces);
    if common != 0 {
        return None;
    }
    // One name searched for: `永安市 永安区 永安镇 …`; one kind of place named
    // (`浦东新区 滨海新区 两江新区 …`, a navigation box of the new areas).
    let bases: Vec<&str> = places.iter().map(|p| p.base).collect();
    let names: Vec<&str> = run.iter().map(|i| i.text).collect();
    if shared_stem_share(&bases) >= 0.5 || shared_stem_share(&names) >= 0.6 {
        return None;
    }

    // A route (`成都-雅安-康定-…-拉萨`, `拉萨→那曲→格尔木`): written with arrows or dashes, each
    // stop in the province of the one before, again and again. A generated list draws at random
    // from the whole country, so its neighbours seldom share a province. (Only arrows tell a
    // route from a slice of the division table, whose neighbours share provinces too.)
    let arrows = pieces[first + 1..=last].iter().filter(|p| p.arrow_before).count();
    let route_damping = if arrows * 2 >= n - 1 {
        1.0 - ((neighbours_in_one_province(&places) - 0.2) / 0.8).clamp(0.0, 1.0)
    } else {
        1.0
    };

    let mut per_province: HashMap<u64, usize> = HashMap::new();
    for place in places.iter().filter(|p| p.entry.provinces.count_ones() == 1) {
        *per_province.entry(place.entry.provinces).or_insert(0) += 1;
    }
    let provinces = per_province.len();
    let located: usize = per_province.values().sum();
    let largest = per_province.values().copied().max().unwrap_or(0);
    // Thirty-odd provinces: a long list cannot spread wider than that.
    let mut spread = ((provinces as f32 - 1.0) / (0.3 * n.min(30) as f32)).clamp(0.0, 1.0);
    // Generated lists draw evenly from the whole country; a ranking or a region's list
    // clusters (a third of a top-county list lies in Jiangsu).
    if largest * 10 >= located * 3 {
        spread *= 0.5;
    }

    let levels = places
        .iter()
        .filter(|p| p.entry.levels.count_ones() == 1)
        .fold(0u8, |acc, p| acc | p.entry.levels);
    // Only names that are nothing but a county count as counties: `河南` is also a county's short
    // form, which makes no list of provinces a list of counties.
    let counties = places.iter().filter(|p| p.entry.levels == COUNTY).count();
    let any_county = counties > 0;
    let provinces_only = places.iter().all(|p| p.entry.levels & PROVINCE != 0);
    let mixed_levels = levels.count_ones() >= 2 && levels & COUNTY != 0;
    let county_share = counties as f32 / known as f32;

    let mut distinct = bases.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let duplicates = distinct.len() < bases.len();

    // A simplified list under a traditional article (or the reverse).
    let own_script = if setting == Setting::Visible {
        run.iter().fold(ScriptCounts::default(), |acc, i| {
            let c = script::count(i.text);
            ScriptCounts {
                simplified: acc.simplified + c.simplified,
                traditional: acc.traditional + c.traditional,
            }
        })
    } else {
        ScriptCounts::default()
    };
    let other_script = match body.script_without(own_script) {
        Some(script) => {
            let opposite = match script {
                Spelling::SimplifiedOnly => Spelling::TraditionalOnly,
                _ => Spelling::SimplifiedOnly,
            };
            places.iter().filter(|p| p.entry.spelling == opposite).count() as f32 / known as f32
        }
        None => 0.0,
    };

    let edge = (around.at_doc_start || around.at_doc_end) && around.at_block_start && around.at_block_end;
    // The words of a mixed list count as items once the article is found never to use them.
    let words = if mixed { (n - known) as f32 } else { 0.0 };
    let shape = size_factor(n) * (0.5 + 0.5 * (weighted + words) / n as f32);
    let score = |absent_share: f32| {
        let evidence = noisy_or(&[
            0.6 * absent_share,
            0.6 * spread,
            if mixed_levels { 0.3 } else { 0.0 },
            0.3 * county_share,
            0.7 * other_script,
            if setting == Setting::Visible && edge { 0.2 } else { 0.0 },
            if setting == Setting::Hidden { 0.4 } else { 0.0 },
            if duplicates { 0.1 } else { 0.0 },
        ]);
        let mut confidence = shape * evidence;
        confidence *= route_damping;
        if around.labelled {
            confidence *= 0.6;
        }
        if !any_county {
            // Provinces only: a region navigation bar; cities only: a city selector. Spam lists
            // reach for counties.
            confidence *= if provinces_only { 0.5 } else { 0.6 };
        }
        confidence
    };
    // The body is indexed only for a list that could reach the threshold.
    if score(1.0) < THRESHOLD {
        return None;
    }
    // Items the rest of the document never mentions.
    let own = ngram_counts(run.iter().map(|i| i.text));
    let absent = places
        .iter()
        .filter(|p| {
            let key = key(p.base);
            let inside = if setting == Setting::Visible {
                own.get(key).copied().unwrap_or(0)
            } else {
                0
            };
            body.count(key) <= inside
        })
        .count();
    let absent_share = absent as f32 / known as f32;
    if mixed
        && !run.iter().filter(|i| i.place.is_none()).all(|i| {
            let key = key(i.text);
            let inside = if setting == Setting::Visible {
                own.get(key).copied().unwrap_or(0)
            } else {
                0
            };
            body.count(key) <= inside
        })
    {
        return None;
    }
    // Tags name what the article is about; a tag line of places the article never mentions
    // was never its own. A short list is spam only when the article names none of its places.
    // Tags of big cities and provinces are a reader's topics; a generator reaches for counties.
    if (around.tagged || short) && (absent_share < 0.8 || county_share < 0.5) {
        return None;
    }

    let confidence = score(absent_share);
    (confidence >= THRESHOLD).then_some(ListRun {
        kind: ListKind::Place,
        first,
        last,
        items: n as u32,
        known: known as u32,
        confidence,
    })
}

#[allow(clippy::too_many_arguments)]
fn judge_keyword_list<S: AsRef<str>>(
    blocks: &[S],
    pieces: &[Piece],
    offset: usize,
    items: &[Item<'_>],
    a: usize,
    b: usize,
    body: &Body<'_>,
    listed: &Listed<'_, S>,
    setting: Setting,
) -> Option<ListRun> {
    let run = &items[a..=b];
    let n = run.len();
    let count = |role: Role| run.iter().filter(|i| i.role == role).count();
    let (spam, phrases, carriers, places) = (
        count(Role::Spam),
        count(Role::Phrase),
        count(Role::Carrier),
        count(Role::Place),
    );
    let known = n - count(Role::Other);
    // Carriers are neutral: the list is judged on its other items.
    let core = (n - carriers).max(1);
    // One spam term among carriers and phrases makes a list (`官网 | 地址 | ios下载 | X`): no
    // legitimate list is made of them.
    // So do places from across the country around one: a generator's mix of places and terms.
    let spread_places = places >= 2 && {
        let provinces = run
            .iter()
            .filter_map(|i| i.place.as_ref())
            .fold(u64::MAX, |acc, p| acc & p.entry.provinces);
        provinces == 0
    };
    let wrapped = spam >= 1 && (phrases >= 2 || ((carriers >= 2 || spread_places) && n >= 5));
    if n < MIN_KEYWORD_ITEMS || known * 2 < n || spam == 0 || !(spam >= 2 || wrapped || setting == Setting::Hidden) {
        return None;
    }
    let (first, last) = (offset + a, offset + b);
    let around = surroundings(blocks, pieces, first, last, setting)?;
    if !around.at_block_start && !around.at_block_end {
        return None;
    }
    let whole_blocks = around.at_block_start && around.at_block_end;
    // A short list must stand alone.
    if n < MIN_ITEMS && !whole_blocks {
        return None;
    }
    // Terms the article itself uses (in its sentences, not in this or another list): a tag line
    // or a menu of the page's own topics. The run's own items always count as its own, even when
    // its chain reads as a sentence and is left out of the page's lists.
    let own = (setting == Setting::Visible).then(|| ngram_counts(run.iter().map(|i| i.text)));
    let related = run
        .iter()
        .filter(|i| i.role == Role::Spam)
        .filter(|i| {
            let key = key(i.text);
            let inside = if let Some(own) = &own {
                listed.count(key).max(own.get(key).copied().unwrap_or(0))
            } else {
                0
            };
            body.count(key) > inside
        })
        .count();
    if related * 2 >= spam || (around.tagged && related > 0) {
        return None;
    }
    // Place names in a list of spam terms are more of the same (a generator's city prefixes).
    let share = (spam as f32 + 0.5 * phrases as f32 + 0.5 * places as f32) / core as f32;
    if share < 0.35 {
        return None;
    }
    let texts: Vec<&str> = run.iter().map(|i| i.text).collect();
    let stem = shared_stem_share(&texts) >= 0.6;
    let mut distinct = texts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let repeats = distinct.len() < texts.len();
    let edge = (around.at_doc_start || around.at_doc_end) && whole_blocks;
    let evidence = noisy_or(&[
        0.9 * ((share - 0.2) / 0.4).clamp(0.0, 1.0),
        0.3 * (spam as f32 / 4.0).min(1.0),
        if setting == Setting::Visible && edge { 0.3 } else { 0.0 },
        if setting != Setting::Hidden && whole_blocks {
            0.1
        } else {
            0.0
        },
        if setting == Setting::Hidden { 0.5 } else { 0.0 },
        if stem { 0.3 } else { 0.0 },
        if repeats { 0.2 } else { 0.0 },
    ]);
    let mut confidence = size_factor(n.max(MIN_ITEMS)) * evidence;
    if around.labelled {
        confidence *= 0.8;
    }
    (confidence >= THRESHOLD).then_some(ListRun {
        kind: ListKind::Keyword,
        first,
        last,
        items: n as u32,
        known: (spam + phrases + places) as u32,
        confidence,
    })
}
