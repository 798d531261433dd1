//! Freed memory handed back to the system at the end of a phase.
//!
//! jemalloc keeps freed pages a while (one second, as `main.rs` sets it) to hand them out again
//! without asking the system. A first open peaks at the end of a phase, when the pages its
//! working memory freed were still counted while the next phase took new ones; so they go
//! back as each phase ends.

/// Hands every freed page back to the system now: every arena's delay is set to nothing, then
/// back to what it was. Without jemalloc as the allocator (the tests) this sets one nothing
/// uses, which is harmless.
pub fn hand_back_now() {
    // SAFETY: `arenas.narenas` is an `unsigned` in jemalloc, which `u32` is.
    let arenas: u32 = unsafe { tikv_jemalloc_ctl::raw::read(b"arenas.narenas\0") }.unwrap_or(0);
    for i in 0..arenas {
        let key = format!("arena.{i}.dirty_decay_ms\0").into_bytes();
        // SAFETY: the key is an `ssize_t` in jemalloc, which `isize` is.
        let Ok(kept) = (unsafe { tikv_jemalloc_ctl::raw::read::<isize>(&key) }) else { continue };
        // Nothing: another thread is handing this arena's pages back at this moment and will
        // set its delay back (were this one to set back the nothing it read, the arena would
        // keep no freed page from then on). Or pages are never kept, and nothing is to do.
        if kept == 0 {
            continue;
        }
        // SAFETY: as above.
        let handed = unsafe { tikv_jemalloc_ctl::raw::write(&key, 0isize) }
            .and_then(|()| unsafe { tikv_jemalloc_ctl::raw::write(&key, kept) });
        if let Err(e) = handed {
            tracing::debug!("freed pages of arena {i} kept: {e}");
        }
    }
}

/// Frees `value` on a thread of its own, so that nobody waits for it; if the process ends
/// first, the system takes the memory back anyway.
pub fn free_aside<T: Send + 'static>(value: T) {
    // Were the thread not to start, the closure, and `value` with it, is dropped here.
    let freeing = std::thread::Builder::new().name("dossier-freeing".to_string()).spawn(move || drop(value));
    if let Err(e) = freeing {
        tracing::debug!("freed on the calling thread: {e}");
    }
}

#[cfg(test)]
mod tests {
    fn decay_ms(key: &[u8]) -> isize {
        // SAFETY: the key is an `ssize_t` in jemalloc.
        unsafe { tikv_jemalloc_ctl::raw::read(key) }.unwrap()
    }

    /// An arena's delay, once no other test is handing its pages back: those set it to nothing
    /// for a moment.
    fn settled_decay_ms(key: &[u8]) -> isize {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let ms = decay_ms(key);
            if ms != 0 || std::time::Instant::now() > until {
                return ms;
            }
            std::thread::yield_now();
        }
    }

    #[test]
    fn pages_handed_back_leave_each_arena_keeping_them_as_long_as_before() {
        let before = settled_decay_ms(b"arena.0.dirty_decay_ms\0");
        assert_ne!(before, 0, "jemalloc keeps freed pages a while unless told otherwise");
        super::hand_back_now();
        assert_eq!(settled_decay_ms(b"arena.0.dirty_decay_ms\0"), before);
    }

    /// Threads handing pages back at the same time leave every arena keeping them as long as
    /// before: none sets back the nothing another one set for a moment.
    #[test]
    fn pages_handed_back_side_by_side_leave_the_arenas_as_they_were() {
        let before = settled_decay_ms(b"arena.0.dirty_decay_ms\0");
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| (0..200).for_each(|_| super::hand_back_now()));
            }
        });
        assert_eq!(settled_decay_ms(b"arena.0.dirty_decay_ms\0"), before);
    }

    /// What is freed aside is freed: its last owner is dropped on the other thread.
    #[test]
    fn a_value_freed_aside_is_dropped() {
        let value = std::sync::Arc::new(7);
        let watching = std::sync::Arc::downgrade(&value);
        super::free_aside(value);
        let gone = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while watching.upgrade().is_some() {
            assert!(std::time::Instant::now() < gone, "not freed within 20 s");
            std::thread::yield_now();
        }
    }
}
