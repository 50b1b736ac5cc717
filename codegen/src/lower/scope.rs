//! Name scopes: every identifier a generated item uses is claimed in the scope it lives in, so
//! no two names collide and no documented name takes one the generator needs.
//!
//! A name already taken is not an error: the later claimant gets the next free name with a
//! numeric suffix (`status_2`, `Status2`), deterministically, since claims follow spec order.
//! The generator's own names are claimed first, so documented names yield to them.

use std::collections::BTreeMap;

/// How a taken name is made distinct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case` names (fields, modules): `_2`, `_3`, …
    Snake,
    /// `UpperCamelCase` names (types, variants): `2`, `3`, …
    Camel,
}

/// One namespace of a generated item: a struct's fields, an enum's variants, a module's items.
#[derive(Debug)]
pub struct Scope {
    case: Case,
    /// Each name taken, with what took it (for the rename note).
    taken: BTreeMap<String, String>,
}

/// A name granted by [`Scope::claim`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The identifier to use.
    pub name: String,
    /// When the wanted name was taken: what took it. Docs say so.
    pub displaced_by: Option<String>,
}

impl Claimed {
    /// A rustdoc sentence explaining a rename, or nothing.
    pub fn note(&self, wanted: &str) -> Option<String> {
        self.displaced_by.as_ref().map(|owner| {
            format!(
                "Named `{}` because `{wanted}` is taken by {owner}.",
                self.name
            )
        })
    }
}

impl Scope {
    /// An empty scope whose names follow `case`.
    pub fn new(case: Case) -> Self {
        Self {
            case,
            taken: BTreeMap::new(),
        }
    }

    /// A scope with the generator's own names already taken.
    pub fn with_reserved(case: Case, reserved: &[(&str, &str)]) -> Self {
        let mut scope = Self::new(case);
        for (name, owner) in reserved {
            scope.taken.insert((*name).to_owned(), (*owner).to_owned());
        }
        scope
    }

    /// Claims `wanted` for `owner` when no one has; `None` when it is taken.
    pub fn claim_free(&mut self, wanted: &str, owner: &str) -> Option<String> {
        if self.taken.contains_key(wanted) {
            return None;
        }
        self.taken.insert(wanted.to_owned(), owner.to_owned());
        Some(wanted.to_owned())
    }

    /// Claims `wanted` for `owner` (a phrase such as "the property `status`"), or the first free
    /// name after it.
    pub fn claim(&mut self, wanted: &str, owner: &str) -> Claimed {
        let Some(first_owner) = self.taken.get(wanted).cloned() else {
            self.taken.insert(wanted.to_owned(), owner.to_owned());
            return Claimed {
                name: wanted.to_owned(),
                displaced_by: None,
            };
        };
        // A raw identifier gets its suffix after the keyword, which is then no keyword.
        let stem = wanted.strip_prefix("r#").unwrap_or(wanted);
        let name = (2..)
            .map(|n| match self.case {
                Case::Snake => format!("{stem}_{n}"),
                Case::Camel => format!("{stem}{n}"),
            })
            .find(|candidate| !self.taken.contains_key(candidate))
            .expect("an unbounded range yields a free name");
        self.taken.insert(name.clone(), owner.to_owned());
        Claimed {
            name,
            displaced_by: Some(first_owner),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_claims_get_the_next_free_suffix() {
        let mut scope = Scope::with_reserved(Case::Snake, &[("body", "the request body")]);
        assert_eq!(
            scope.claim("status", "the property `status`").name,
            "status"
        );
        let second = scope.claim("status", "the property `Status`");
        assert_eq!(second.name, "status_2");
        assert_eq!(
            second.note("status").as_deref(),
            Some("Named `status_2` because `status` is taken by the property `status`.")
        );
        assert_eq!(scope.claim("status", "a third").name, "status_3");
        assert_eq!(scope.claim_free("status", "a fourth"), None);
        assert_eq!(
            scope.claim_free("kind", "the property `kind`").as_deref(),
            Some("kind")
        );
        assert_eq!(scope.claim("kind", "another").name, "kind_2");
        assert_eq!(
            scope.claim("body", "the placeholder `{body}`").name,
            "body_2"
        );
    }

    #[test]
    fn raw_identifiers_lose_their_prefix_with_a_suffix() {
        let mut scope = Scope::new(Case::Snake);
        scope.claim("r#type", "one");
        assert_eq!(scope.claim("r#type", "two").name, "type_2");
        let mut camel = Scope::new(Case::Camel);
        camel.claim("Pending", "one");
        assert_eq!(camel.claim("Pending", "two").name, "Pending2");
        assert_eq!(camel.claim("Pending2", "three").name, "Pending22");
    }
}
