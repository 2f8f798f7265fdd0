//! Monte Carlo paths around a scenario: each year's growth is drawn from a
//! normal distribution centred on the scenario's rate, from a seeded,
//! deterministic generator (the seed is passed in; the model never reads a clock).

/// xoshiro256** seeded through splitmix64: small, fast, and the same numbers on
/// every platform for the same seed.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
    spare: Option<f64>,
}

impl Rng {
    /// A generator from a 64-bit seed.
    ///
    /// # Example
    /// ```
    /// use grdp_whatif::montecarlo::Rng;
    /// let (mut a, mut b) = (Rng::new(7), Rng::new(7));
    /// assert_eq!(a.next_u64(), b.next_u64());
    /// ```
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
            spare: None,
        }
    }

    /// A generator in the given state (not all zero: that state only gives zeros).
    pub fn from_state(s: [u64; 4]) -> Self {
        Self { s, spare: None }
    }

    /// The next 64 random bits.
    /// # Example
    /// ```
    /// let mut r = grdp_whatif::montecarlo::Rng::new(1);
    /// assert_ne!(r.next_u64(), r.next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// Uniform in (0, 1): never exactly 0, so its logarithm is finite.
    /// # Example
    /// ```
    /// let mut r = grdp_whatif::montecarlo::Rng::new(1);
    /// assert!((0..1000).map(|_| r.uniform()).all(|u| u > 0.0 && u < 1.0));
    /// ```
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (Box–Muller, both values used).
    ///
    /// ```text
    /// z = √(−2 ln u₁) · cos(2π u₂)
    /// ```
    /// # Example
    /// ```
    /// let mut r = grdp_whatif::montecarlo::Rng::new(1);
    /// let mean = (0..10_000).map(|_| r.normal()).sum::<f64>() / 10_000.0;
    /// assert!(mean.abs() < 0.05);
    /// ```
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let r = (-2.0 * self.uniform().ln()).sqrt();
        let theta = std::f64::consts::TAU * self.uniform();
        self.spare = Some(r * theta.sin());
        r * theta.cos()
    }
}

/// The standard normal draws of one seed, kept between projections.
///
/// A projection with `paths` paths over `years` years uses the first
/// `paths × years` draws of its seed's stream (year by year, path by path).
/// While a reader drags a slider the seed stays the same, so the draws do
/// too: keeping them turns a step's Monte Carlo from `paths × years`
/// logarithms, square roots and sines into as many multiply-adds, with the
/// same numbers as drawing afresh (common random numbers: the band moves
/// because the scenario moved, not because the dice changed).
#[derive(Debug, Clone)]
pub struct Draws {
    seed: u64,
    rng: Rng,
    z: Vec<f64>,
    /// Work space kept with the draws, so a step allocates nothing: the
    /// paths' current values and one year's keys.
    current: Vec<f64>,
    row: Vec<u64>,
    reached: Vec<bool>,
}

impl Draws {
    /// Most draws kept between calls (8 bytes each): above it, [`Draws::first`]
    /// still answers, and [`Draws::trim`] gives the memory back afterwards.
    pub const KEEP: usize = 250_000;

    /// An empty cache for `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            rng: Rng::new(seed),
            z: Vec::new(),
            current: Vec::new(),
            row: Vec::new(),
            reached: Vec::new(),
        }
    }

    /// The first `n` draws of `seed`'s stream: the same numbers as `n` calls
    /// of [`Rng::normal`] on `Rng::new(seed)`.
    /// # Example
    /// ```
    /// use grdp_whatif::montecarlo::{Draws, Rng};
    /// let mut d = Draws::new(1);
    /// let mut r = Rng::new(7);
    /// let fresh: Vec<f64> = (0..5).map(|_| r.normal()).collect();
    /// assert_eq!(d.first(7, 5), &fresh[..]);
    /// assert_eq!(d.first(7, 3), &fresh[..3]);
    /// ```
    pub fn first(&mut self, seed: u64, n: usize) -> &[f64] {
        self.draw(seed, n);
        self.z.get(..n).unwrap_or(&[])
    }

    /// Make the first `n` draws of `seed` ready in `self.z`.
    fn draw(&mut self, seed: u64, n: usize) {
        if seed != self.seed {
            *self = Self::new(seed);
        }
        if self.z.len() < n {
            self.z.reserve(n - self.z.len());
            while self.z.len() < n {
                let z = self.rng.normal();
                self.z.push(z);
            }
        }
    }

    /// Drop the draws beyond [`Draws::KEEP`] (after an unusually large run).
    pub fn trim(&mut self) {
        if self.z.len() > Self::KEEP {
            *self = Self::new(self.seed);
        }
    }
}

/// An integer in the order of [`f64::total_cmp`]: `key(a) < key(b)` exactly
/// when `a.total_cmp(&b)` is `Less`.
fn key(v: f64) -> u64 {
    let b = v.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// The float of a [`key`].
fn unkey(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// The `nth` smallest of `keys` (0-based), leaving the smaller ones before
/// it and the larger after; `None` past the end.
///
/// Quickselect with Hoare partitioning around a median of three. The standard
/// library's `select_nth_unstable` is the same idea, but at the size-first
/// optimisation the wasm is built with, its comparison closure stays a call per
/// comparison; here a comparison is one instruction. Equal keys (zero spread)
/// split evenly, so they stay linear.
fn select(keys: &mut [u64], nth: usize) -> Option<u64> {
    if nth >= keys.len() {
        return None;
    }
    let (mut lo, mut hi) = (0, keys.len() - 1);
    while lo < hi {
        let pivot = if hi - lo >= 256 {
            // A pivot near the rank sought: the key at the rank's place in a
            // sorted sample of 15 spread over the range. One pass then leaves
            // the rank in a small part (a 10th or 90th percentile is far
            // from the middle, where a median of three would cut).
            let mut sample = [0_u64; 15];
            for (s, slot) in sample.iter_mut().enumerate() {
                *slot = *keys.get(lo + s * (hi - lo) / 14)?;
            }
            for i in 1..sample.len() {
                let x = *sample.get(i)?;
                let mut j = i;
                while j > 0 && *sample.get(j - 1)? > x {
                    *sample.get_mut(j)? = *sample.get(j - 1)?;
                    j -= 1;
                }
                *sample.get_mut(j)? = x;
            }
            *sample.get(((nth - lo) * 14 + (hi - lo) / 2) / (hi - lo))?
        } else {
            let mid = lo + (hi - lo) / 2;
            let (a, b, c) = (*keys.get(lo)?, *keys.get(mid)?, *keys.get(hi)?);
            a.max(b).min(a.min(b).max(c))
        };
        // Hoare: afterwards keys[lo..=j] <= pivot <= keys[j+1..=hi].
        let (mut i, mut j) = (lo, hi);
        loop {
            while *keys.get(i)? < pivot {
                i += 1;
            }
            while *keys.get(j)? > pivot {
                j -= 1;
            }
            if i >= j {
                break;
            }
            let (a, b) = (*keys.get(i)?, *keys.get(j)?);
            *keys.get_mut(i)? = b;
            *keys.get_mut(j)? = a;
            i += 1;
            j -= 1;
        }
        if j == hi {
            // Nothing moved: the pivot was the range's one largest key, at
            // its end (a sample's pivot can be). Leave it out.
            if nth == hi {
                return keys.get(hi).copied();
            }
            hi -= 1;
        } else if nth <= j {
            hi = j;
        } else {
            lo = j + 1;
        }
    }
    keys.get(nth).copied()
}

/// The lowest yearly growth a drawn path may take (−95 %): a normal draw can
/// go below −100 %, which has no meaning for a quantity that cannot turn negative.
pub const MIN_DRAWN_RATE: f64 = -0.95;

/// How a path moves each year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// `v · (1 + rate + spread·z)`
    Compound { rate: f64 },
    /// `v + step + spread·z`
    Linear { step: f64 },
}

/// Percentile bands per year and the share of paths that reach a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Bands {
    /// The percentiles asked for, in the order given (e.g. 10, 50, 90).
    pub percentiles: Vec<f64>,
    /// `bands[i][k]`: percentile `i` in year `k` (k = 0 is the base year).
    pub bands: Vec<Vec<f64>>,
    /// Share of paths that reach the target by the target year, if any.
    pub probability: Option<f64>,
}

/// A target the paths are counted against: `value`, reached when a path is
/// at or above it (`up`) or at or below it, in any year from the start to
/// `years` after it: the way a projection's year reached is counted, so a
/// path that starts beyond the target has reached it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aim {
    pub years: usize,
    pub value: f64,
    pub up: bool,
    /// The first year counted: 0 counts the start (a path already there
    /// has reached it), 1 a term's total, whose start is the term before.
    pub from: usize,
}

impl Aim {
    fn reached(self, v: f64) -> bool {
        if self.up {
            v >= self.value
        } else {
            v <= self.value
        }
    }
}

/// What to simulate: `paths` paths of `years` years from `start`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Simulation {
    pub start: f64,
    pub step: Step,
    /// Standard deviation of each year's draw (a fraction, or points for linear).
    pub spread: f64,
    pub years: usize,
    pub paths: usize,
    pub seed: u64,
    /// Each path is held within `low..=high` (0–100 for a percentage).
    pub bounds: (f64, f64),
}

/// No bounds: [`Simulation::bounds`] for a quantity that may take any value.
pub const UNBOUNDED: (f64, f64) = (f64::NEG_INFINITY, f64::INFINITY);

/// Run the simulation.
///
/// ```text
/// compound: v[k] = clamp(v[k−1] · (1 + max(rate + spread·z, −95%)), bounds)
/// linear:   v[k] = clamp(v[k−1] + step + spread·z, bounds)
/// band_p[k] = the p-th percentile of v[k] over paths (nearest rank)
/// probability = #(paths reaching the aim in some year 0..=aim.years) / paths
/// ```
///
/// Callers validate inputs ([`crate::scenario`] does); out-of-range
/// percentiles are clamped to [0, 100].
/// # Example
/// ```
/// use grdp_whatif::montecarlo::{simulate, Simulation, Step};
/// use grdp_whatif::montecarlo::{Aim, UNBOUNDED};
/// let sim = Simulation { start: 71.1, step: Step::Compound { rate: 0.13 }, spread: 0.03, years: 5, paths: 5_000, seed: 1, bounds: UNBOUNDED };
/// let b = simulate(&sim, &[10.0, 50.0, 90.0], Some(Aim { years: 5, value: 130.0, up: true , from: 0}));
/// assert!(b.bands[0][5] < b.bands[1][5] && b.bands[1][5] < b.bands[2][5]);
/// assert!(b.probability.unwrap() > 0.5);
/// ```
pub fn simulate(sim: &Simulation, percentiles: &[f64], target: Option<Aim>) -> Bands {
    simulate_with(sim, percentiles, target, &mut Draws::new(sim.seed))
}

/// [`simulate`] with draws kept in `draws` between calls: the same result,
/// without drawing again when the seed and size are those of an earlier call.
/// # Example
/// ```
/// use grdp_whatif::montecarlo::{simulate, simulate_with, Aim, Draws, Simulation, Step, UNBOUNDED};
/// let sim = Simulation { start: 71.1, step: Step::Compound { rate: 0.13 }, spread: 0.03, years: 5, paths: 500, seed: 4, bounds: UNBOUNDED };
/// let aim = Some(Aim { years: 5, value: 130.0, up: true , from: 0});
/// let mut draws = Draws::new(0);
/// let kept = simulate_with(&sim, &[10.0, 90.0], aim, &mut draws);
/// assert_eq!(kept, simulate(&sim, &[10.0, 90.0], aim));
/// ```
pub fn simulate_with(
    sim: &Simulation,
    percentiles: &[f64],
    target: Option<Aim>,
    draws: &mut Draws,
) -> Bands {
    let Simulation {
        start,
        step,
        spread,
        years,
        paths,
        seed,
        bounds: (low, high),
    } = *sim;
    draws.draw(seed, paths.saturating_mul(years));
    let Draws {
        z,
        current,
        row,
        reached,
        ..
    } = draws;
    let mut order: Vec<(usize, f64, usize)> = percentiles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let p = p.clamp(0.0, 100.0);
            // Nearest rank among the paths.
            let rank = ((p / 100.0) * (paths.max(1) as f64 - 1.0)).round() as usize;
            (i, p, rank)
        })
        .collect();
    order.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut bands: Vec<Vec<f64>> = percentiles
        .iter()
        .map(|_| Vec::with_capacity(years + 1))
        .collect();
    for b in &mut bands {
        b.push(start);
    }
    current.clear();
    current.resize(paths, start);
    reached.clear();
    reached.resize(
        paths,
        target.is_some_and(|a| a.from == 0 && a.reached(start)),
    );
    let horizon = target.map_or(0, |a| a.years.min(years));
    // Year by year: move every path, then read the year's percentiles from
    // its values as keys (integers in the values' order, which selection
    // compares faster than floats).
    for k in 0..years {
        let zs = z.get(k * paths..(k + 1) * paths).unwrap_or(&[]);
        row.resize(paths, 0);
        for ((v, cell), &z) in current.iter_mut().zip(row.iter_mut()).zip(zs) {
            let next = match step {
                Step::Compound { rate } => *v * (1.0 + (rate + spread * z).max(MIN_DRAWN_RATE)),
                Step::Linear { step } => *v + step + spread * z,
            };
            // max then min: never a panic, whatever the bounds.
            *v = next.max(low).min(high);
            *cell = key(*v);
        }
        if let Some(aim) = target.filter(|a| k < horizon && k + 1 >= a.from) {
            for (hit, &v) in reached.iter_mut().zip(current.iter()) {
                *hit = *hit || aim.reached(v);
            }
        }
        if row.is_empty() {
            for b in &mut bands {
                b.push(f64::NAN);
            }
            continue;
        }
        // Select ranks from the lowest percentile up, each on the part of the
        // row above the previous rank: linear work, no full sort.
        let mut values = vec![0.0; percentiles.len()];
        let mut lo = 0;
        for &(i, _, rank) in &order {
            let rank = rank.max(lo);
            if let Some(part) = row.get_mut(lo..) {
                if let (Some(v), Some(slot)) = (select(part, rank - lo), values.get_mut(i)) {
                    *slot = unkey(v);
                }
            }
            lo = rank;
        }
        for (b, v) in bands.iter_mut().zip(values) {
            b.push(v);
        }
    }
    let probability = target
        .filter(|_| paths > 0)
        .map(|_| reached.iter().filter(|&&h| h).count() as f64 / paths as f64);
    draws.trim();
    Bands {
        percentiles: percentiles.to_vec(),
        bands,
        probability,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bands_other_seed_other_bands() {
        let run = |seed| {
            simulate(
                &Simulation {
                    start: 71.1,
                    step: Step::Compound { rate: 0.1 },
                    spread: 0.03,
                    years: 5,
                    paths: 2000,
                    seed,
                    bounds: UNBOUNDED,
                },
                &[10.0, 50.0, 90.0],
                Some(Aim {
                    years: 5,
                    value: 130.0,
                    up: true,
                    from: 0,
                }),
            )
        };
        assert_eq!(run(1), run(1));
        assert_ne!(run(1).bands, run(2).bands);
    }

    /// The published outputs of the reference implementations
    /// (prng.di.unimi.it: xoshiro256starstar.c from the state {1, 2, 3, 4},
    /// as rand_xoshiro's tests quote them; splitmix64.c from 0).
    #[test]
    fn the_generator_matches_the_published_reference_outputs() {
        let mut x = Rng::from_state([1, 2, 3, 4]);
        let want: [u64; 10] = [
            11520,
            0,
            1509978240,
            1215971899390074240,
            1216172134540287360,
            607988272756665600,
            16172922978634559625,
            8476171486693032832,
            10595114339597558777,
            2904607092377533576,
        ];
        assert_eq!(want.map(|_| x.next_u64()), want);
        // Seeding is splitmix64 from the seed: its first four outputs from 0.
        assert_eq!(
            Rng::new(0).s,
            [
                0xE220_A839_7B1D_CDAF,
                0x6E78_9E6A_A1B9_65F4,
                0x06C4_5D18_8009_454F,
                0xF88B_B8A8_724C_81EC
            ]
        );
    }

    #[test]
    fn a_path_that_reaches_the_aim_counts_even_if_it_falls_back() {
        // Starting at the target counts as reached (as the year reached says).
        let sim = Simulation {
            start: 100.0,
            step: Step::Compound { rate: -0.1 },
            spread: 0.0,
            years: 3,
            paths: 10,
            seed: 1,
            bounds: UNBOUNDED,
        };
        let aim = |value, up| {
            Some(Aim {
                years: 3,
                value,
                up,
                from: 0,
            })
        };
        assert_eq!(
            simulate(&sim, &[50.0], aim(90.0, true)).probability,
            Some(1.0)
        );
        assert_eq!(
            simulate(&sim, &[50.0], aim(80.0, false)).probability,
            Some(1.0)
        );
        assert_eq!(
            simulate(&sim, &[50.0], aim(60.0, false)).probability,
            Some(0.0)
        );
        // Bounds hold every path: a share cannot fall below 0.
        let lin = Simulation {
            start: 5.0,
            step: Step::Linear { step: -3.0 },
            spread: 1.0,
            bounds: (0.0, 100.0),
            ..sim
        };
        let b = simulate(&lin, &[0.0, 100.0], None);
        assert!(b.bands.iter().flatten().all(|v| (0.0..=100.0).contains(v)));
    }

    #[test]
    fn select_gives_the_order_statistic() {
        let mut rng = Rng::new(5);
        for n in [1usize, 2, 3, 4, 10, 257, 2000] {
            // Random keys, clustered ones with many ties, all equal, sorted,
            // reversed: what paths (and zero spread) give.
            let random: Vec<u64> = (0..n).map(|_| rng.next_u64()).collect();
            let ties: Vec<u64> = (0..n).map(|i| (i as u64 * 7919) % 5).collect();
            let equal = vec![42_u64; n];
            let sorted: Vec<u64> = (0..n as u64).collect();
            let reversed: Vec<u64> = (0..n as u64).rev().collect();
            for keys in [random, ties, equal, sorted, reversed] {
                let mut want = keys.clone();
                want.sort_unstable();
                for nth in 0..n {
                    let mut k = keys.clone();
                    assert_eq!(
                        select(&mut k, nth),
                        want.get(nth).copied(),
                        "n {n} nth {nth}"
                    );
                    assert!(k.iter().take(nth).all(|&x| x <= want[nth]));
                    assert!(k.iter().skip(nth).all(|&x| x >= want[nth]));
                }
                assert_eq!(select(&mut keys.clone(), n), None);
            }
        }
        assert_eq!(select(&mut [], 0), None);
    }

    #[test]
    fn keys_keep_the_order_of_floats_and_come_back() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            71.1,
            f64::INFINITY,
        ];
        for w in xs.windows(2) {
            assert!(key(w[0]) < key(w[1]), "{} < {}", w[0], w[1]);
        }
        for x in xs {
            assert_eq!(unkey(key(x)).to_bits(), x.to_bits());
        }
    }

    #[test]
    fn normal_draws_have_unit_variance() {
        let mut r = Rng::new(42);
        let xs: Vec<f64> = (0..200_000).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((var - 1.0).abs() < 0.01, "{var}");
    }

    #[test]
    fn zero_spread_collapses_bands_onto_the_path() {
        let b = simulate(
            &Simulation {
                start: 100.0,
                step: Step::Compound { rate: 0.1 },
                spread: 0.0,
                years: 3,
                paths: 100,
                seed: 9,
                bounds: UNBOUNDED,
            },
            &[10.0, 50.0, 90.0],
            Some(Aim {
                years: 3,
                value: 133.0,
                up: true,
                from: 0,
            }),
        );
        for band in &b.bands {
            assert!((band[3] - 133.1).abs() < 1e-9);
        }
        assert_eq!(b.probability, Some(1.0));
    }

    #[test]
    fn median_tracks_the_scenario_rate() {
        let b = simulate(
            &Simulation {
                start: 100.0,
                step: Step::Compound { rate: 0.1 },
                spread: 0.03,
                years: 5,
                paths: 20_000,
                seed: 3,
                bounds: UNBOUNDED,
            },
            &[50.0],
            None,
        );
        let expected = 100.0 * 1.1f64.powi(5);
        assert!(
            (b.bands[0][5] / expected - 1.0).abs() < 0.01,
            "{}",
            b.bands[0][5]
        );
    }

    #[test]
    fn probability_of_a_target_on_the_median_is_about_half() {
        let b = simulate(
            &Simulation {
                start: 100.0,
                step: Step::Linear { step: 1.0 },
                spread: 0.5,
                years: 5,
                paths: 20_000,
                seed: 11,
                bounds: UNBOUNDED,
            },
            &[50.0],
            Some(Aim {
                years: 5,
                value: 105.0,
                up: true,
                from: 0,
            }),
        );
        let p = b.probability.unwrap();
        assert!((p - 0.5).abs() < 0.02, "{p}");
    }

    #[test]
    fn no_paths_gives_nan_bands_and_no_probability() {
        let b = simulate(
            &Simulation {
                start: 1.0,
                step: Step::Compound { rate: 0.1 },
                spread: 0.1,
                years: 2,
                paths: 0,
                seed: 1,
                bounds: UNBOUNDED,
            },
            &[50.0],
            Some(Aim {
                years: 2,
                value: 2.0,
                up: true,
                from: 0,
            }),
        );
        assert!(b.bands[0][1].is_nan());
        assert_eq!(b.probability, None);
    }
}
