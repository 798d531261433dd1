//! How soon freed memory goes back to the system.
//!
//! jemalloc keeps freed pages for ten seconds, to hand them out again without asking the
//! system. While the text is indexed that pays: each batch reuses the pages of the one before.
//! The analysis that follows is where a first open peaks, and there pages kept for ten seconds
//! were still counted while new ones were taken, so from then on they go back within a second.

/// How long freed pages are kept once the text is in.
const SOONER_MS: isize = 1000;

/// From now on, freed pages go back to the system within about a second: every arena's setting
/// and the default for arenas made later. Without jemalloc as the allocator (the tests) this
/// sets one nothing uses, which is harmless.
pub fn hand_back_sooner() {
    let mut keys = vec![b"arenas.dirty_decay_ms\0".to_vec()];
    // SAFETY: `arenas.narenas` is an `unsigned` in jemalloc, which `u32` is.
    let arenas: u32 = unsafe { tikv_jemalloc_ctl::raw::read(b"arenas.narenas\0") }.unwrap_or(0);
    keys.extend((0..arenas).map(|i| format!("arena.{i}.dirty_decay_ms\0").into_bytes()));
    for key in keys {
        // SAFETY: each key is an `ssize_t` in jemalloc, which `isize` is.
        if let Err(e) = unsafe { tikv_jemalloc_ctl::raw::write(&key, SOONER_MS) } {
            tracing::debug!("freed pages are kept as long as before: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    fn decay_ms(key: &[u8]) -> isize {
        // SAFETY: the key is an `ssize_t` in jemalloc.
        unsafe { tikv_jemalloc_ctl::raw::read(key) }.unwrap()
    }

    #[test]
    fn once_asked_every_arena_hands_freed_pages_back_within_a_second() {
        super::hand_back_sooner();
        assert_eq!(decay_ms(b"arenas.dirty_decay_ms\0"), 1000);
        assert_eq!(decay_ms(b"arena.0.dirty_decay_ms\0"), 1000);
    }
}
