//! Where each article stands in the order a first open of its folder reads it: the order that
//! breaks ties (matches of one score, events of one day, articles of one date or title).
//!
//! A first open numbers the articles in that order, so there an article's place is its id. An
//! update gives new articles the ids removed ones left, and then the next ones, so its ids no
//! longer follow the folder; ties broken by id would then come in another order than a fresh
//! index of the same folder gives. Ties are broken by place instead.

use std::sync::Arc;

/// Each article's place, by id, and each place's article; nothing where every place is its id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places(Option<Arc<Tables>>);

#[derive(Debug, PartialEq, Eq)]
struct Tables {
    /// By id: the article's place.
    place_of: Box<[u32]>,
    /// By place: the article's id.
    id_at: Box<[u32]>,
}

impl Places {
    /// The places of `place_of.len()` articles, by id; `None` if they are not each place once.
    pub fn from_places(place_of: Vec<u32>) -> Option<Places> {
        let mut id_at = vec![u32::MAX; place_of.len()];
        for (id, &place) in place_of.iter().enumerate() {
            let slot = id_at.get_mut(place as usize).filter(|slot| **slot == u32::MAX)?;
            *slot = id as u32;
        }
        if place_of.iter().enumerate().all(|(id, &place)| place as usize == id) {
            return Some(Places::default());
        }
        Some(Places(Some(Arc::new(Tables { place_of: place_of.into(), id_at: id_at.into() }))))
    }

    /// The places of articles given in the order of `keys` (by id): the one with the least key
    /// first, equal keys by id.
    pub fn ordered_by<K: Ord>(keys: &[K]) -> Places {
        if keys.is_sorted() {
            return Places::default();
        }
        let mut ids: Vec<u32> = (0..keys.len() as u32).collect();
        ids.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b)));
        let mut place_of = vec![0; keys.len()];
        for (place, &id) in ids.iter().enumerate() {
            place_of[id as usize] = place as u32;
        }
        Places(Some(Arc::new(Tables { place_of: place_of.into(), id_at: ids.into() })))
    }

    /// Whether every article's place is its id (as after a first open).
    pub fn are_ids(&self) -> bool {
        self.0.is_none()
    }

    /// Article `id`'s place (an id beyond the table keeps its own: no such article is ranked).
    pub fn of(&self, id: u32) -> u32 {
        match &self.0 {
            Some(t) => t.place_of.get(id as usize).copied().unwrap_or(id),
            None => id,
        }
    }

    /// The article at `place`.
    pub fn id_at(&self, place: u32) -> u32 {
        match &self.0 {
            Some(t) => t.id_at.get(place as usize).copied().unwrap_or(place),
            None => place,
        }
    }

    /// Each article's place, by id, where they are not the ids (what a state file keeps).
    pub fn table(&self) -> Option<&[u32]> {
        self.0.as_deref().map(|t| &*t.place_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_follow_the_keys_and_equal_keys_follow_the_ids() {
        let places = Places::ordered_by(&[(1, 0), (0, 5), (1, 0), (0, 2)]);
        assert_eq!(places.table(), Some(&[2, 1, 3, 0][..]));
        assert_eq!((0..4).map(|p| places.id_at(p)).collect::<Vec<_>>(), [3, 1, 0, 2]);
        assert_eq!(places.of(1), 1);
        assert_eq!(places.of(9), 9, "an id beyond the table is its own place");
        assert!(Places::ordered_by(&[1, 1, 2, 7]).are_ids(), "keys in id order need no table");
    }

    #[test]
    fn a_table_that_is_not_each_place_once_is_refused() {
        assert_eq!(
            Places::from_places(vec![1, 0, 2]).and_then(|p| p.table().map(<[u32]>::to_vec)),
            Some(vec![1, 0, 2])
        );
        assert_eq!(Places::from_places(vec![0, 1, 2]), Some(Places::default()), "the ids themselves");
        assert_eq!(Places::from_places(vec![1, 1, 0]), None, "a place twice");
        assert_eq!(Places::from_places(vec![0, 3, 1]), None, "a place beyond the articles");
        let read = Places::from_places(vec![2, 0, 1]).unwrap();
        assert_eq!(read, Places::ordered_by(&[9, 3, 5]), "a table read back is the one kept");
    }
}
