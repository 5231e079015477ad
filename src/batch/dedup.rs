//! `--dedup exact|near`: drops later copies of a document within a run, keeping the first.
//!
//! It runs where records are written, in input order, so what is dropped never depends on the
//! number of threads. Records with an error or an empty text are never copies (nothing of them
//! says they are): they are always written.
//!
//! Memory is bounded by a window of the last [`Dedup::capacity`] kept documents: a copy of a
//! document that has left the window is kept again.
//! - `exact`: a set of the 128-bit hashes of their texts (two SipHash-1-3 of the text with
//!   different keys), with the window's order in a ring: about 50 bytes a document.
//! - `near`: their fingerprints in a ring and in four tables, one per 16-bit quarter of the
//!   fingerprint, each a bucket per quarter value. Two fingerprints at most [`NEAR_DISTANCE`]
//!   (3) bits apart agree on at least one quarter (pigeonhole: 3 differing bits touch at most 3
//!   of the 4), so a query reads the four buckets of its own quarters only. 40 bytes a document
//!   plus the buckets' slack (at most twice that), and 4 × 65 536 bucket headers (6 MiB). A
//!   bucket keeps its last [`BUCKET_LIMIT`] fingerprints, so that a query stays cheap whatever
//!   the input (pages that all share a quarter without being copies would otherwise make every
//!   query read them all).

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, Hasher};

use crate::fingerprint;

/// What counts as a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DedupMode {
    /// The same `text`, byte for byte.
    Exact,
    /// A `fingerprint` at most [`NEAR_DISTANCE`] bits from a kept document's.
    Near,
}

/// Fingerprints this many bits apart or fewer are copies of one document.
pub const NEAR_DISTANCE: u32 = 3;

/// Kept documents remembered by default.
pub const DEFAULT_WINDOW: usize = 1 << 20;

/// Fingerprints one bucket of a near table keeps.
const BUCKET_LIMIT: usize = 4096;

/// What the dedup filter needs of a record, taken on the worker thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DedupKey {
    /// An error record or an empty text: never a copy.
    None,
    Exact(u128),
    Near(u64),
}

impl DedupKey {
    /// The key of a record's `text` (and `fingerprint`, its hex) for `mode`.
    pub fn of(mode: DedupMode, text: &str, fingerprint: &str, failed: bool) -> DedupKey {
        if failed || text.is_empty() {
            return DedupKey::None;
        }
        match mode {
            DedupMode::Exact => DedupKey::Exact(text_hash(text)),
            DedupMode::Near => match u64::from_str_radix(fingerprint, 16) {
                Ok(bits) => DedupKey::Near(bits),
                Err(_) => DedupKey::None,
            },
        }
    }
}

/// 128 bits of `text`: SipHash-1-3 (std's hasher, fixed keys: the same on every machine and
/// run) twice, the second time after a salt.
fn text_hash(text: &str) -> u128 {
    let hash = |salt: u8| {
        let mut h = std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().build_hasher();
        h.write_u8(salt);
        h.write(text.as_bytes());
        h.finish()
    };
    (u128::from(hash(1)) << 64) | u128::from(hash(2))
}

/// The run's memory of kept documents.
pub struct Dedup {
    capacity: usize,
    store: Store,
}

enum Store {
    Exact {
        seen: HashSet<u128>,
        order: VecDeque<u128>,
    },
    Near {
        order: VecDeque<u64>,
        /// `tables[q][v]`: the kept fingerprints whose quarter `q` is `v`, oldest first.
        tables: Vec<Vec<VecDeque<u64>>>,
    },
}

impl Dedup {
    /// A filter remembering the last `capacity` kept documents (at least one).
    pub fn new(mode: DedupMode, capacity: usize) -> Dedup {
        let store = match mode {
            DedupMode::Exact => Store::Exact {
                seen: HashSet::new(),
                order: VecDeque::new(),
            },
            DedupMode::Near => Store::Near {
                order: VecDeque::new(),
                tables: (0..4).map(|_| vec![VecDeque::new(); 1 << 16]).collect(),
            },
        };
        Dedup {
            capacity: capacity.max(1),
            store,
        }
    }

    /// Whether the document is a copy of one kept before; if not, it is kept (remembered).
    pub fn is_copy(&mut self, key: DedupKey) -> bool {
        match (key, &mut self.store) {
            (DedupKey::None, _) => false,
            (DedupKey::Exact(hash), Store::Exact { seen, order }) => {
                if !seen.insert(hash) {
                    return true;
                }
                order.push_back(hash);
                if order.len() > self.capacity
                    && let Some(old) = order.pop_front()
                {
                    seen.remove(&old);
                }
                false
            }
            (DedupKey::Near(bits), Store::Near { order, tables }) => {
                let near = (0..4).any(|q| {
                    tables[q][quarter(bits, q)]
                        .iter()
                        .any(|&kept| fingerprint::distance(kept, bits) <= NEAR_DISTANCE)
                });
                if near {
                    return true;
                }
                for (q, table) in tables.iter_mut().enumerate() {
                    let bucket = &mut table[quarter(bits, q)];
                    if bucket.len() >= BUCKET_LIMIT {
                        bucket.pop_front();
                    }
                    bucket.push_back(bits);
                }
                order.push_back(bits);
                if order.len() > self.capacity
                    && let Some(old) = order.pop_front()
                {
                    for (q, table) in tables.iter_mut().enumerate() {
                        let bucket = &mut table[quarter(old, q)];
                        // The oldest of its bucket, unless the bucket's limit already let it go.
                        if let Some(at) = bucket.iter().position(|&kept| kept == old) {
                            bucket.remove(at);
                        }
                    }
                }
                false
            }
            // A key of the other mode: the caller builds keys for this filter's mode only.
            _ => false,
        }
    }
}

fn quarter(bits: u64, q: usize) -> usize {
    ((bits >> (16 * q)) & 0xffff) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(bits: u64) -> DedupKey {
        DedupKey::Near(bits)
    }

    #[test]
    fn near_copies_within_three_bits_in_any_quarters() {
        let mut dedup = Dedup::new(DedupMode::Near, 100);
        let first = 0x0123_4567_89ab_cdefu64;
        assert!(!dedup.is_copy(near(first)));
        // Three bits flipped in three different quarters: only the fourth quarter agrees.
        assert!(dedup.is_copy(near(first ^ (1 << 3) ^ (1 << 20) ^ (1 << 40))));
        assert!(dedup.is_copy(near(first ^ (0b111 << 60))));
        assert!(dedup.is_copy(near(first)));
        // Four bits, one in each quarter: no quarter agrees, and no copy.
        let four = first ^ (1 << 3) ^ (1 << 20) ^ (1 << 40) ^ (1 << 60);
        assert!(!dedup.is_copy(near(four)));
        // Now kept, it is found in turn.
        assert!(dedup.is_copy(near(four ^ 1)));
    }

    #[test]
    fn empty_and_failed_records_are_never_copies() {
        for mode in [DedupMode::Exact, DedupMode::Near] {
            let mut dedup = Dedup::new(mode, 10);
            for _ in 0..3 {
                assert!(!dedup.is_copy(DedupKey::of(mode, "", "0000000000000000", false)));
                assert!(!dedup.is_copy(DedupKey::of(mode, "text", "00000000000000ff", true)));
            }
        }
    }

    #[test]
    fn exact_copies_are_the_same_text() {
        let key = |text: &str| DedupKey::of(DedupMode::Exact, text, &fingerprint::fingerprint(text), false);
        let mut dedup = Dedup::new(DedupMode::Exact, 10);
        assert!(!dedup.is_copy(key("One article.")));
        assert!(dedup.is_copy(key("One article.")));
        assert!(!dedup.is_copy(key("One article!")));
        assert!(!dedup.is_copy(key("one article.")));
    }

    #[test]
    fn the_window_forgets_the_oldest() {
        for mode in [DedupMode::Exact, DedupMode::Near] {
            let key = |n: u64| match mode {
                DedupMode::Exact => DedupKey::Exact(u128::from(n)),
                // Far apart: each bit pattern repeated in every quarter.
                DedupMode::Near => DedupKey::Near(n.wrapping_mul(0x0001_0001_0001_0001) * 0xff),
            };
            let mut dedup = Dedup::new(mode, 3);
            for n in 1..=4 {
                assert!(!dedup.is_copy(key(n)), "{mode:?} {n}");
            }
            // 1 left the window when 4 came; 2, 3 and 4 are remembered.
            assert!(!dedup.is_copy(key(1)), "{mode:?}");
            assert!(dedup.is_copy(key(4)), "{mode:?}");
            assert!(dedup.is_copy(key(1)), "{mode:?}");
        }
    }

    #[test]
    fn a_full_bucket_drops_its_oldest() {
        let mut dedup = Dedup::new(DedupMode::Near, 1 << 20);
        // Fingerprints sharing their low quarter (0) and far apart elsewhere.
        let spread = |n: u64| (n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 0xffff) ^ 0xffff;
        let mut kept = Vec::new();
        for n in 1..=(BUCKET_LIMIT as u64 + 10) {
            let bits = spread(n);
            if !dedup.is_copy(near(bits)) {
                kept.push(bits);
            }
        }
        let Store::Near { tables, .. } = &dedup.store else {
            unreachable!()
        };
        assert_eq!(tables[0][0].len(), BUCKET_LIMIT);
        assert_eq!(tables[0][0].back(), kept.last());
    }
}
