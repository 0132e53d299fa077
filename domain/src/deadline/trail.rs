//! The deadline trail: plain-English steps, written without `format!` so computing a
//! deadline stays cheap.

use chrono::{Datelike, NaiveDate, Weekday};

/// The steps of one computation. A trail that is `off` records nothing: event validation
/// recomputes dates with one, and only the final computation writes the steps.
pub(crate) struct Trail {
    lines: Vec<String>,
    /// A buffer each step is written into before it is copied out at its exact size.
    scratch: String,
    on: bool,
}

impl Trail {
    /// A trail that records.
    pub(crate) fn new() -> Self {
        Self {
            lines: Vec::with_capacity(12),
            scratch: String::with_capacity(256),
            on: true,
        }
    }

    /// A trail that records nothing.
    pub(crate) fn off() -> Self {
        Self {
            lines: Vec::new(),
            scratch: String::new(),
            on: false,
        }
    }

    /// Appends one step written by `write`; `write` is not called when the trail is off.
    pub(crate) fn push(&mut self, write: impl FnOnce(&mut Line)) {
        if let Some(mut line) = self.start() {
            write(&mut line);
            self.finish(line);
        }
    }

    /// Starts a step that is built up over a loop; `None` when the trail is off. End it with
    /// [`Trail::finish`].
    pub(crate) fn start(&mut self) -> Option<Line> {
        self.on.then(|| {
            let mut buffer = std::mem::take(&mut self.scratch);
            buffer.clear();
            Line(buffer)
        })
    }

    /// Appends a step begun with [`Trail::start`].
    pub(crate) fn finish(&mut self, line: Line) {
        self.lines.push(line.0.as_str().to_owned());
        self.scratch = line.0;
    }

    /// The steps, in order.
    pub(crate) fn into_lines(self) -> Vec<String> {
        self.lines
    }
}

/// One step being written.
pub(crate) struct Line(String);

impl Line {
    /// Appends text.
    pub(crate) fn s(&mut self, text: &str) -> &mut Self {
        self.0.push_str(text);
        self
    }

    /// Appends a date as `YYYY-MM-DD`.
    pub(crate) fn d(&mut self, date: NaiveDate) -> &mut Self {
        let year = date.year();
        if !(0..=9999).contains(&year) {
            self.n(i64::from(year));
            return self.s(&date.format("-%m-%d").to_string());
        }
        let (y, m, d) = (year as u32, date.month(), date.day());
        let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
        let text = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            '-',
            digit(m / 10),
            digit(m),
            '-',
            digit(d / 10),
            digit(d),
        ];
        self.0.extend(text);
        self
    }

    /// Appends a whole number.
    pub(crate) fn n(&mut self, value: i64) -> &mut Self {
        if value < 0 {
            self.0.push('-');
        }
        let mut rest = value.unsigned_abs();
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        loop {
            at -= 1;
            buf[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        for &b in &buf[at..] {
            self.0.push(char::from(b));
        }
        self
    }

    /// Appends the English name of a weekday.
    pub(crate) fn weekday(&mut self, day: Weekday) -> &mut Self {
        self.s(match day {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn writes_dates_numbers_and_weekdays() {
        let mut trail = Trail::new();
        let date = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        trail.push(|l| {
            l.d(date)
                .s(" is a ")
                .weekday(date.weekday())
                .s(", +")
                .n(45)
                .s(" ")
                .n(-7)
                .n(0);
        });
        let mut off = Trail::off();
        off.push(|_| panic!("an off trail never writes"));
        assert!(off.into_lines().is_empty());
        assert_eq!(trail.into_lines(), ["2025-03-01 is a Saturday, +45 -70"]);
    }
}
