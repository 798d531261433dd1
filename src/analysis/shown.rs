//! Which of the timeline's events are shown, and counting them by date without copying them.

use super::timeline::TimelineEvent;

/// The share of events left out at each end of the span of years shown: a year-5 mention or a
/// far future does not stretch the chart over two thousand empty years.
const OUTLIER_SHARE: f64 = 0.02;

/// Which of the timeline's events are shown: their positions among the events, in order.
/// Every event (nothing filters or scopes the timeline) is kept as a count, not as a list of
/// every position: 41 MB at a million articles.
#[derive(Debug, Clone, Eq)]
pub enum Rows {
    Every(u32),
    Picked(Vec<u32>),
}

impl Default for Rows {
    fn default() -> Rows {
        Rows::Picked(Vec::new())
    }
}

/// Rows are equal when they show the same events, however they are kept.
impl PartialEq for Rows {
    fn eq(&self, other: &Rows) -> bool {
        match (self, other) {
            (Rows::Every(a), Rows::Every(b)) => a == b,
            _ => self.len() == other.len() && self.iter().eq(other.iter()),
        }
    }
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Every(n) => *n as usize,
            Rows::Picked(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position of the event on `row`.
    pub fn get(&self, row: usize) -> Option<u32> {
        match self {
            Rows::Every(n) => u32::try_from(row).ok().filter(|r| r < n),
            Rows::Picked(rows) => rows.get(row).copied(),
        }
    }

    /// The positions, row by row.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = u32> + '_ {
        (0..self.len()).filter_map(|row| self.get(row))
    }

    /// The row of the event at `position`, or where it would go.
    pub fn find(&self, position: u32) -> Result<usize, usize> {
        match self {
            Rows::Every(n) if position < *n => Ok(position as usize),
            Rows::Every(n) => Err(*n as usize),
            Rows::Picked(rows) => rows.binary_search(&position),
        }
    }

    /// The first row whose position `before` is false for, `before` being true for every row
    /// until then.
    pub fn partition_point(&self, before: impl Fn(u32) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.get(middle).is_some_and(&before) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

/// The events a timeline shows: positions in `events`, in calendar order. They are counted by
/// binary search, not by copying and sorting ten million dates on every frame.
pub struct Shown<'a> {
    pub events: &'a [TimelineEvent],
    pub rows: &'a Rows,
}

impl Shown<'_> {
    fn date(&self, row: usize) -> Option<chrono::NaiveDate> {
        let i = self.rows.get(row)?;
        self.events.get(i as usize).map(|e| e.date)
    }

    /// How many of the shown events come before `day`.
    pub fn before(&self, day: chrono::NaiveDate) -> usize {
        self.rows.partition_point(|i| self.events.get(i as usize).is_some_and(|e| e.date < day))
    }

    /// The years that hold most events: from the first to the last after dropping the rarest
    /// outliers at each end.
    pub fn dense_years(&self) -> Option<(i32, i32)> {
        use chrono::Datelike;
        let cut = (self.rows.len() as f64 * OUTLIER_SHARE).floor() as usize;
        let last = self.rows.len().checked_sub(cut + 1)?;
        let first = self.date(cut.min(last))?.year();
        Some((first, self.date(last)?.year().max(first)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every event kept as a count answers as the list of every position does.
    #[test]
    fn every_row_as_a_count_answers_as_the_list_of_them() {
        let (every, picked) = (Rows::Every(5), Rows::Picked((0..5).collect()));
        assert_eq!(every, picked);
        for rows in [&every, &picked] {
            assert_eq!((rows.len(), rows.get(4), rows.get(5)), (5, Some(4), None));
            assert_eq!((rows.find(3), rows.find(9)), (Ok(3), Err(5)));
            assert_eq!(rows.partition_point(|i| i < 2), 2);
            assert_eq!(rows.iter().rev().collect::<Vec<_>>(), [4, 3, 2, 1, 0]);
        }
        let some = Rows::Picked(vec![1, 3]);
        assert_ne!(every, some);
        assert_eq!((some.find(2), some.find(3), some.partition_point(|i| i < 3)), (Err(1), Ok(1), 1));
        assert!(Rows::default().is_empty() && Rows::Every(0).is_empty());
        assert_eq!(Rows::default(), Rows::Every(0));
    }
}
