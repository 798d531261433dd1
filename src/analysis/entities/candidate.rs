//! A candidate name, and the rules that suggest its kind.

use super::EntityKind;

/// A possible name before its kind is decided; token indices are inclusive.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte span of the mention, a title before a person's name included.
    pub start: usize,
    pub end: usize,
    /// Where the name itself starts (after any title).
    pub name_start: usize,
    /// Tokens of the name itself.
    pub first_tok: usize,
    pub last_tok: usize,
    /// The kind the rules suggest, and the rule that suggested it.
    pub hint: Option<EntityKind>,
    pub rule: Rule,
    /// A title phrase ("Secretary of State") is part of the mention.
    pub titled: bool,
}

/// The rule behind a candidate's hint: the classifier learns how far to trust each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    PlaceList,
    ShoutedPlace,
    OrgList,
    DemonymList,
    OrgSuffix,
    OrgPrefix,
    PlaceSuffix,
    PlacePrefix,
    AfterTitle,
    GivenName,
    Initial,
    RoleBefore,
    NameShape,
    OfAfterTitle,
    RoleAfter,
    NextToNumber,
    Modifier,
    StakeIn,
    OrgHead,
    ConventionalPlace,
    Acronym,
    Locative,
    LoneGivenName,
    AfterDeterminer,
    RareCommonWord,
    Single,
    Multiword,
}

impl Rule {
    /// Rules specific enough to decide alone: the model is not asked, and the document
    /// vote does not overrule them ("Airbus" in "Airbus A330" stays no organization).
    pub fn decisive(self) -> bool {
        matches!(
            self,
            Rule::OrgHead
                | Rule::ConventionalPlace
                | Rule::StakeIn
                | Rule::OfAfterTitle
                | Rule::NextToNumber
                | Rule::Modifier
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Rule::PlaceList => "place_list",
            Rule::ShoutedPlace => "shouted_place",
            Rule::OrgList => "org_list",
            Rule::DemonymList => "demonym_list",
            Rule::OrgSuffix => "org_suffix",
            Rule::OrgPrefix => "org_prefix",
            Rule::PlaceSuffix => "place_suffix",
            Rule::PlacePrefix => "place_prefix",
            Rule::AfterTitle => "after_title",
            Rule::GivenName => "given_name",
            Rule::Initial => "initial",
            Rule::RoleBefore => "role_before",
            Rule::NameShape => "name_shape",
            Rule::OfAfterTitle => "of_after_title",
            Rule::RoleAfter => "role_after",
            Rule::NextToNumber => "next_to_number",
            Rule::Modifier => "modifier",
            Rule::StakeIn => "stake_in",
            Rule::OrgHead => "org_head",
            Rule::ConventionalPlace => "conventional_place",
            Rule::Acronym => "acronym",
            Rule::Locative => "locative",
            Rule::LoneGivenName => "lone_given_name",
            Rule::AfterDeterminer => "after_determiner",
            Rule::RareCommonWord => "rare_common_word",
            Rule::Single => "single",
            Rule::Multiword => "multiword",
        }
    }
}

impl Candidate {
    /// The name as written, without any title before it.
    pub fn name<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.name_start..self.end).unwrap_or("")
    }
}
