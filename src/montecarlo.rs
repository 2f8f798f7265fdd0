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
    /// Share of paths at or beyond the target in the target year, if any.
    pub probability: Option<f64>,
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
}

/// Run the simulation.
///
/// ```text
/// compound: v[k] = v[k−1] · (1 + max(rate + spread·z, −95%))
/// linear:   v[k] = v[k−1] + step + spread·z
/// band_p[k] = the p-th percentile of v[k] over paths (nearest rank)
/// probability = #(v[target_k] reaches target) / paths
/// ```
///
/// `target` is `(years after start, value)`; "reaches" means at or above a target
/// above `start`, at or below one below it. Callers validate inputs
/// ([`crate::scenario`] does); out-of-range percentiles are clamped to [0, 100].
/// # Example
/// ```
/// use grdp_whatif::montecarlo::{simulate, Simulation, Step};
/// let sim = Simulation { start: 71.1, step: Step::Compound { rate: 0.13 }, spread: 0.03, years: 5, paths: 5_000, seed: 1 };
/// let b = simulate(&sim, &[10.0, 50.0, 90.0], Some((5, 130.0)));
/// assert!(b.bands[0][5] < b.bands[1][5] && b.bands[1][5] < b.bands[2][5]);
/// assert!(b.probability.unwrap() > 0.5);
/// ```
pub fn simulate(sim: &Simulation, percentiles: &[f64], target: Option<(usize, f64)>) -> Bands {
    let Simulation {
        start,
        step,
        spread,
        years,
        paths,
        seed,
    } = *sim;
    let mut rng = Rng::new(seed);
    // Column-major: all paths of year k are contiguous, so each year's
    // percentiles come from one slice.
    let mut grid = vec![0.0_f64; paths * years];
    let mut current = vec![start; paths];
    for k in 0..years {
        let row_start = k * paths;
        for (j, v) in current.iter_mut().enumerate() {
            let z = rng.normal();
            *v = match step {
                Step::Compound { rate } => *v * (1.0 + (rate + spread * z).max(MIN_DRAWN_RATE)),
                Step::Linear { step } => *v + step + spread * z,
            };
            if let Some(cell) = grid.get_mut(row_start + j) {
                *cell = *v;
            }
        }
    }
    let up = target.map(|(_, t)| t >= start);
    let probability = match (target, up) {
        (Some((tk, t)), Some(up)) if tk >= 1 && tk <= years && paths > 0 => {
            let row = grid.get((tk - 1) * paths..tk * paths).unwrap_or(&[]);
            let hits = row
                .iter()
                .filter(|&&v| if up { v >= t } else { v <= t })
                .count();
            Some(hits as f64 / paths as f64)
        }
        _ => None,
    };
    let mut bands: Vec<Vec<f64>> = percentiles
        .iter()
        .map(|_| Vec::with_capacity(years + 1))
        .collect();
    for b in &mut bands {
        b.push(start);
    }
    let mut order: Vec<(usize, f64)> = percentiles
        .iter()
        .enumerate()
        .map(|(i, p)| (i, p.clamp(0.0, 100.0)))
        .collect();
    order.sort_by(|a, b| a.1.total_cmp(&b.1));
    for k in 0..years {
        let Some(row) = grid.get_mut(k * paths..(k + 1) * paths) else {
            continue;
        };
        if row.is_empty() {
            for b in &mut bands {
                b.push(f64::NAN);
            }
            continue;
        }
        // Select ranks from the lowest percentile up, each on the part of the
        // row above the previous rank: linear work, no full sort.
        let n = row.len();
        let mut lo = 0usize;
        let mut values = vec![0.0; percentiles.len()];
        for &(i, p) in &order {
            let rank = ((p / 100.0) * (n as f64 - 1.0)).round() as usize;
            let rank = rank.clamp(lo, n - 1);
            if let Some(part) = row.get_mut(lo..) {
                let (_, v, _) = part.select_nth_unstable_by(rank - lo, f64::total_cmp);
                if let Some(slot) = values.get_mut(i) {
                    *slot = *v;
                }
            }
            lo = rank;
        }
        for (b, v) in bands.iter_mut().zip(values) {
            b.push(v);
        }
    }
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
                },
                &[10.0, 50.0, 90.0],
                Some((5, 130.0)),
            )
        };
        assert_eq!(run(1), run(1));
        assert_ne!(run(1).bands, run(2).bands);
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
            },
            &[10.0, 50.0, 90.0],
            Some((3, 133.0)),
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
            },
            &[50.0],
            Some((5, 105.0)),
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
            },
            &[50.0],
            Some((2, 2.0)),
        );
        assert!(b.bands[0][1].is_nan());
        assert_eq!(b.probability, None);
    }
}
