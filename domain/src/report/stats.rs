//! Days to respond, kept as a histogram (days → requests) so that the median and mean are
//! exact, cheap to merge across groups, and the same whether counted by the database or here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How many requests were answered in how many days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCounts {
    /// Requests answered, by days taken.
    pub histogram: BTreeMap<i32, u64>,
}

impl DayCounts {
    /// Counts `n` more requests answered in `days`.
    pub fn add(&mut self, days: i32, n: u64) {
        *self.histogram.entry(days).or_default() += n;
    }

    /// Adds another group's counts.
    pub fn merge(&mut self, other: &Self) {
        for (&days, &n) in &other.histogram {
            self.add(days, n);
        }
    }

    /// Requests answered.
    pub fn answered(&self) -> u64 {
        self.histogram.values().sum()
    }

    /// The mean, in days; `None` with none answered.
    pub fn mean(&self) -> Option<f64> {
        let n = self.answered();
        let total: i64 = self
            .histogram
            .iter()
            .map(|(&d, &c)| i64::from(d) * i64::try_from(c).unwrap_or(i64::MAX))
            .sum();
        (n > 0).then(|| total as f64 / n as f64)
    }

    /// The median, in days: the middle value, or the mean of the two middle values.
    pub fn median(&self) -> Option<f64> {
        let n = self.answered();
        if n == 0 {
            return None;
        }
        let lower = self.nth((n - 1) / 2)?;
        let upper = self.nth(n / 2)?;
        Some(f64::from(lower + upper) / 2.0)
    }

    /// The `k`-th smallest value, counting from 0.
    fn nth(&self, k: u64) -> Option<i32> {
        let mut seen = 0;
        for (&days, &n) in &self.histogram {
            seen += n;
            if seen > k {
                return Some(days);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::DayCounts;

    fn of(values: &[i32]) -> DayCounts {
        let mut c = DayCounts::default();
        for &v in values {
            c.add(v, 1);
        }
        c
    }

    #[test]
    fn median_and_mean_are_exact() {
        assert_eq!(of(&[]).median(), None);
        assert_eq!(of(&[]).mean(), None);
        assert_eq!(of(&[7]).median(), Some(7.0));
        assert_eq!(of(&[3, 1, 2]).median(), Some(2.0));
        assert_eq!(of(&[1, 2, 3, 10]).median(), Some(2.5));
        assert_eq!(of(&[1, 2, 3, 10]).mean(), Some(4.0));
        let mut a = of(&[1, 2]);
        a.merge(&of(&[2, 9]));
        assert_eq!(a.answered(), 4);
        assert_eq!(a.median(), Some(2.0));
        assert_eq!(a.mean(), Some(3.5));
    }
}
