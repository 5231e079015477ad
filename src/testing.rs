//! Helpers shared by unit tests: a seeded pseudo-random generator (the tests need reproducible
//! inputs, not external randomness), markup made of random pieces, gzip.

/// A xorshift generator: the same seed gives the same sequence on every machine.
pub struct Random(pub u64);

impl Random {
    /// The next number of the sequence.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// `count` texts of 1 to `max_pieces` pieces of `pieces` (separated by `|`) picked at random:
/// markup whose constructs meet at the edges of a tokenizer's states.
pub fn joined_pieces(pieces: &str, seed: u64, count: usize, max_pieces: usize) -> impl Iterator<Item = String> {
    let pieces: Vec<&str> = pieces.split('|').collect();
    let mut random = Random(seed);
    (0..count).map(move |_| {
        let len = 1 + random.below(max_pieces);
        (0..len).map(|_| random.pick(&pieces)).collect()
    })
}

/// `bytes` gzipped, as one member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to a vector");
    encoder.finish().expect("writing to a vector")
}
