//! Issue 15: an index brought up to date, by deleting and adding articles, ranks as a fresh
//! index of the same articles.

use super::*;

/// Issue 15: an index brought up to date by deleting and adding articles ranks as a fresh index
/// of the same articles does, to the last bit of every score. tantivy counts a deleted article
/// in its statistics until a merge drops it, and its own merge then estimates the tokens left.
#[test]
fn an_updated_index_scores_as_a_fresh_one() {
    let seeds = seeds::articles();
    let mut changed = seeds[3].clone();
    changed
        .text
        .push_str(" The ministers will meet again in Tokyo to review the semiconductor supply chain.");
    let mut kept: Vec<Article> = seeds[..3].to_vec();
    kept.push(changed.clone());

    let updated = build(&seeds, &[]).unwrap();
    let mut text = updated.text_writer().unwrap();
    let mut notes = updated.notes_writer().unwrap();
    for gone in [3, 4] {
        updated.remove(&text, &notes, gone);
    }
    updated.add(&text, &changed).unwrap();
    updated.commit(&mut text).unwrap();
    updated.commit(&mut notes).unwrap();
    let fresh = build(&kept, &[]).unwrap();

    ranks_alike(&updated, &fresh);

    // Deleted again, in a segment whose earlier deletions were counted by the searches above.
    updated.remove(&text, &notes, 2);
    updated.commit(&mut text).unwrap();
    kept.remove(2);
    ranks_alike(&updated, &build(&kept, &[]).unwrap());
}

/// Issue 15: "a AND NOT b" scores as "a" does, whichever segment a match is in. tantivy drops a
/// bare match-all from an intersection, with its score, in a segment where b is not found, and
/// keeps it in one where b is: an article added after the others (in a segment of its own)
/// scored 1 less than a fresh index gave it.
#[test]
fn an_exclusion_adds_nothing_to_a_score_in_any_segment() {
    let (index, mut text) = seeds_in_one_segment();
    let mut added = seeds::articles()[0].clone();
    added.id = 5;
    added.text = "Japan and the United States spoke about chips and export rules.".to_string();
    index.add(&text, &added).unwrap();
    index.commit(&mut text).unwrap();
    index.reload().unwrap();
    assert!(
        index.text_reader.searcher().segment_readers().len() >= 2,
        "the added article in a segment of its own"
    );
    let scored = |q: &str| {
        let mut hits = index.search(&index.parse(q).unwrap(), &Default::default()).unwrap();
        hits.sort_by_key(|h| h.id);
        hits.iter().map(|h| (h.id, h.score.to_bits())).collect::<Vec<_>>()
    };
    let chips = scored("chips");
    let but_taiwan = scored("chips AND NOT Taiwan");
    assert!(but_taiwan.iter().any(|&(id, _)| id == 5), "{but_taiwan:?}");
    assert!(but_taiwan.iter().any(|&(id, _)| id != 5), "{but_taiwan:?}");
    for (id, score) in &but_taiwan {
        assert_eq!(chips.iter().find(|(c, _)| c == id).map(|&(_, s)| s), Some(*score), "article {id}");
    }
    assert_eq!(but_taiwan.len(), chips.len() - 1, "one article with chips names Taiwan");
}

/// Issue 15: the worker readies a changed index's ranking as soon as it changes, so that the
/// user's next search does not count the deleted articles.
#[test]
fn preparing_the_ranking_works_out_what_the_next_search_would() {
    use live::LiveStatistics;
    let (index, mut text) = seeds_in_one_segment();
    let on_a_thread =
        |work: &(dyn Fn() -> usize + Sync)| std::thread::scope(|s| s.spawn(work).join().unwrap());
    let prepared = || {
        index.prepare_ranking().unwrap();
        LiveStatistics::known_here()
    };
    assert_eq!(on_a_thread(&prepared), 0, "nothing deleted, nothing to work out");

    let mut notes = index.notes_writer().unwrap();
    index.remove(&text, &notes, 1);
    index.commit(&mut text).unwrap();
    index.commit(&mut notes).unwrap();
    let search = || index.search(&index.parse("Hagiuda").unwrap(), &Default::default()).unwrap();
    let prepared_then_searched = || {
        index.prepare_ranking().unwrap();
        let known = LiveStatistics::known_here();
        search();
        assert_eq!(LiveStatistics::known_here(), known, "the search found them worked out");
        known
    };
    assert_eq!(on_a_thread(&prepared_then_searched), 1, "the one segment with a deletion");
    let searched = || {
        search();
        LiveStatistics::known_here()
    };
    assert_eq!(on_a_thread(&searched), 1, "unprepared, the first search works them out");
}

/// A later deletion in a segment counts the tokens of the articles it deleted, and keeps those
/// of the earlier ones: a watched folder's segments gather deletions one change after another.
#[test]
fn a_later_deletion_counts_only_the_articles_it_deleted() {
    use live::LiveStatistics;
    let (index, mut text) = seeds_in_one_segment();
    let notes = index.notes_writer().unwrap();
    let mut kept = seeds::articles();
    // Articles 0, 1 and 3 stay: `ranks_alike` asks for their words and related articles.
    for (gone, counted) in [(4, 1), (2, 2)] {
        index.remove(&text, &notes, gone);
        index.commit(&mut text).unwrap();
        kept.retain(|a| a.id != gone);
        ranks_alike(&index, &build(&kept, &[]).unwrap());
        assert_eq!(LiveStatistics::counted_here(), counted, "after {gone} went");
    }
}

/// The seeds' texts in one segment, with the writer that wrote them. A deleted article alone
/// in a segment of its own would take the segment with it, and leave no deletions to count.
fn seeds_in_one_segment() -> (SearchIndex, tantivy::IndexWriter) {
    let index = SearchIndex::new().unwrap();
    let mut text = index.text.writer_with_num_threads(1, 15_000_000).unwrap();
    for article in seeds::articles() {
        index.add(&text, &article).unwrap();
    }
    index.commit(&mut text).unwrap();
    (index, text)
}

/// Issue 15: a watched folder's articles change again and again, and tantivy merges the small
/// segments each change leaves. Its merge of a segment holding deleted articles estimates the
/// tokens left from rounded lengths, so such segments are left out of merges: after many
/// changes the index still ranks as a fresh index of the same articles.
#[test]
fn many_changes_and_the_merges_they_bring_still_rank_as_a_fresh_index() {
    let (updated, current) = changed_in_rounds(16);
    let segments = updated.text.searchable_segment_metas().unwrap();
    assert!(segments.iter().filter(|s| s.has_deletes()).count() > 8, "deletions kept out of merges");
    assert!(segments.len() < 16 * 2, "the segments without deletions were merged");
    ranks_alike(&updated, &build(&current, &[]).unwrap());
}

/// Past a bound, segments holding deletions merge as tantivy would merge them: a folder whose
/// files change all day does not leave searches going through ever more segments.
#[test]
fn segments_holding_deletions_merge_once_there_are_many() {
    let (updated, _) = changed_in_rounds(48);
    let segments = updated.text.searchable_segment_metas().unwrap();
    let with_deletions = segments.iter().filter(|s| s.has_deletes()).count();
    assert!(with_deletions <= super::write::UNMERGED_WITH_DELETIONS + 1, "{with_deletions}");
    assert!(segments.len() < 48, "{} segments", segments.len());
}

/// The seeds, then `rounds` commits of four articles added and one of the round before changed
/// (deleted and added again), with tantivy's merges waited for.
fn changed_in_rounds(rounds: usize) -> (SearchIndex, Vec<Article>) {
    let seeds = seeds::articles();
    let mut current = seeds.clone();
    let updated = build(&current, &[]).unwrap();
    let mut text = updated.text_writer().unwrap();
    let notes = updated.notes_writer().unwrap();
    for round in 0..rounds {
        for k in 0..4 {
            let mut article = seeds[(round + k) % seeds.len()].clone();
            article.id = current.len() as u32;
            article.text.push_str(&format!(" Filed in round {round}, copy {k}, about export controls."));
            updated.add(&text, &article).unwrap();
            current.push(article);
        }
        if round > 0 {
            let id = current.len() - 4 - 2;
            current[id].text.push_str(" A correction was appended to this article.");
            updated.remove(&text, &notes, id as u32);
            updated.add(&text, &current[id]).unwrap();
        }
        updated.commit(&mut text).unwrap();
    }
    text.wait_merging_threads().unwrap();
    updated.reload().unwrap();
    (updated, current)
}

fn ranks_alike(updated: &SearchIndex, fresh: &SearchIndex) {
    assert_eq!(updated.num_docs(), fresh.num_docs());
    let scored = |index: &SearchIndex, q: &str| {
        let mut hits = index.search(&index.parse(q).unwrap(), &Default::default()).unwrap();
        hits.sort_by_key(|h| h.id);
        hits.iter().map(|h| (h.id, h.score.to_bits())).collect::<Vec<_>>()
    };
    for q in ["Hagiuda", "\"supply chain\"", "semiconductor OR Tokyo", "title:economic"] {
        let found = scored(fresh, q);
        assert!(!found.is_empty(), "{q}");
        assert_eq!(scored(updated, q), found, "{q}");
    }
    for article in [0, 3] {
        let related = |index: &SearchIndex| {
            let hits = index.more_like_this(article, 10, &Default::default()).unwrap();
            hits.iter().map(|h| (h.id, h.score.to_bits())).collect::<Vec<_>>()
        };
        let found = related(fresh);
        assert!(!found.is_empty());
        assert_eq!(related(updated), found, "related to {article}");
    }
}
