//! Inputs the benches share: deterministic, so every run measures the same data.

/// A deterministic xorshift64 stream.
pub fn pseudo_random(n: usize, seed: u64) -> impl Iterator<Item = u64> {
    let mut x = seed | 1;
    (0..n).map(move |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    })
}

/// `n` scores in `min..=max`.
#[allow(dead_code)] // Not every bench reads scores.
pub fn scores(n: usize, min: u8, max: u8) -> Vec<u8> {
    let span = u64::from(max - min) + 1;
    pseudo_random(n, 0x9E37_79B9_7F4A_7C15)
        .map(|x| min + u8::try_from(x % span).expect("span fits u8"))
        .collect()
}

/// The NPS loop a user writes first, the baseline the batch path is measured
/// against: a `match` per score and an early return on a bad one.
#[allow(dead_code)] // Not every bench compares with it.
pub fn plain_loop_nps(scores: &[u8]) -> Result<(u64, u64, u64), usize> {
    let (mut promoters, mut passives, mut detractors) = (0_u64, 0_u64, 0_u64);
    for (i, &s) in scores.iter().enumerate() {
        match s {
            0..=6 => detractors += 1,
            7..=8 => passives += 1,
            9..=10 => promoters += 1,
            _ => return Err(i),
        }
    }
    Ok((promoters, passives, detractors))
}

/// The simplest streaming read: an OR of all words, eight at a time. The
/// benches measure the machine's read bandwidth with it, in the same run as
/// the kernels.
#[allow(dead_code)] // Not every bench measures the bandwidth.
pub fn or_words(words: &[u64]) -> u64 {
    let mut acc = [0_u64; 8];
    let mut chunks = words.chunks_exact(8);
    for chunk in &mut chunks {
        for i in 0..8 {
            acc[i] |= chunk[i];
        }
    }
    acc.iter().chain(chunks.remainder()).fold(0, |a, &b| a | b)
}
