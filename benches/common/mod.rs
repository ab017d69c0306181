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
