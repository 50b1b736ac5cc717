//! The permissions each operation's page documents, and the least privileged set that allows
//! a program's operations.
//!
//! This module uses nothing but `std`: the generator compiles the same file, so that
//! `cargo xtask permissions` computes exactly what [`least_privilege`] does.

use std::fmt;

/// The permission types of a page's Permissions table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PermissionType {
    /// Delegated (work or school account): the app acts for a signed-in organisational user.
    DelegatedWorkOrSchool,
    /// Delegated (personal Microsoft account): the app acts for a signed-in consumer user.
    DelegatedPersonalAccount,
    /// Application: the app acts as itself, without a signed-in user.
    Application,
}

impl PermissionType {
    /// The three types, in the table's order.
    pub const ALL: [Self; 3] = [
        Self::DelegatedWorkOrSchool,
        Self::DelegatedPersonalAccount,
        Self::Application,
    ];

    /// The row label the documentation uses.
    pub const fn label(self) -> &'static str {
        match self {
            Self::DelegatedWorkOrSchool => "Delegated (work or school account)",
            Self::DelegatedPersonalAccount => "Delegated (personal Microsoft account)",
            Self::Application => "Application",
        }
    }
}

impl fmt::Display for PermissionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a page's Permissions table says for one permission type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Accepted<'a> {
    /// Any one of these permissions allows the call; from least to most privileged, as
    /// documented, and never empty.
    AnyOf(&'a [&'a str]),
    /// "Not supported.": no permission of this type allows the call.
    NotSupported,
    /// The documentation names no permission: the page's table holds a placeholder such as
    /// `TODO: Determine scopes`, or the request has no page of its own (a following page).
    NotStated,
}

impl fmt::Display for Accepted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AnyOf(permissions) => f.write_str(&permissions.join(", ")),
            Self::NotSupported => f.write_str("not supported"),
            Self::NotStated => f.write_str("not stated by the documentation"),
        }
    }
}

/// An operation's documented Permissions table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Permissions<'a> {
    /// Delegated (work or school account).
    pub delegated_work_or_school: Accepted<'a>,
    /// Delegated (personal Microsoft account).
    pub delegated_personal_account: Accepted<'a>,
    /// Application.
    pub application: Accepted<'a>,
}

impl<'a> Permissions<'a> {
    /// A table that states nothing for any permission type: for requests whose permissions are
    /// those of other operations (a following page, a batch).
    pub const NOT_STATED: Permissions<'static> = Permissions {
        delegated_work_or_school: Accepted::NotStated,
        delegated_personal_account: Accepted::NotStated,
        application: Accepted::NotStated,
    };

    /// What the table says for `permission_type`.
    pub const fn of(&self, permission_type: PermissionType) -> Accepted<'a> {
        match permission_type {
            PermissionType::DelegatedWorkOrSchool => self.delegated_work_or_school,
            PermissionType::DelegatedPersonalAccount => self.delegated_personal_account,
            PermissionType::Application => self.application,
        }
    }
}

/// One row per permission type, `label: permissions` separated by `; `.
impl fmt::Display for Permissions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, permission_type) in PermissionType::ALL.into_iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{permission_type}: {}", self.of(permission_type))?;
        }
        Ok(())
    }
}

/// A permission of a [`LeastPrivilege`] set and the operations it is chosen for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant<'a> {
    /// The permission.
    pub permission: &'a str,
    /// The operations it allows that no less privileged permission of the set does, in the
    /// order they were given.
    pub operations: Vec<&'a str>,
}

/// The permissions to grant for a set of operations and one permission type: see
/// [`least_privilege`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeastPrivilege<'a> {
    /// The permission type asked for.
    pub permission_type: PermissionType,
    /// The permissions, in the order they were chosen.
    pub grants: Vec<Grant<'a>>,
    /// Operations whose page says "Not supported." for the permission type: no permission
    /// allows them.
    pub not_supported: Vec<&'a str>,
    /// Operations whose page names no permission for the type: the documentation does not say.
    pub not_stated: Vec<&'a str>,
}

impl<'a> LeastPrivilege<'a> {
    /// The permissions alone, in the order they were chosen.
    pub fn permissions(&self) -> Vec<&'a str> {
        self.grants.iter().map(|grant| grant.permission).collect()
    }
}

/// The report `cargo xtask permissions` prints: each permission with the operations it is
/// chosen for, then the operations no permission of the type allows.
impl fmt::Display for LeastPrivilege<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.permission_type)?;
        if self.grants.is_empty() {
            f.write_str(" no permission")?;
        }
        for grant in &self.grants {
            write!(f, "\n  {}", grant.permission)?;
            for operation in &grant.operations {
                write!(f, "\n    {operation}")?;
            }
        }
        for (operations, why) in [
            (
                &self.not_supported,
                "not supported with this permission type",
            ),
            (
                &self.not_stated,
                "permissions not stated by the documentation",
            ),
        ] {
            if !operations.is_empty() {
                write!(f, "\n{why}:")?;
                for operation in operations {
                    write!(f, "\n    {operation}")?;
                }
            }
        }
        Ok(())
    }
}

/// The permissions of `permission_type` to grant so that every one of `operations` (each a name
/// and its documented permissions) is allowed: as few as set cover finds, each as little
/// privileged as the tables tell.
///
/// A page lists the permissions any one of which allows its operation, from least to most
/// privileged; which of two permissions on different pages is more privileged, the
/// documentation does not say. So:
///
/// 1. A permission that is the only one an operation accepts is chosen: every answer holds it.
/// 2. While an operation is allowed by no chosen permission, the permission accepted by the
///    most such operations is chosen (greedy set cover); a tie goes to the one listed earliest
///    (least privileged) in those operations' lists, by the sum of its positions, then to the
///    one met first, operations in the order given, each list in documented order.
/// 3. Each operation goes to the least privileged chosen permission it accepts; a chosen
///    permission no operation is left with is dropped.
///
/// Guarantees: every operation whose page lists permissions of the type is allowed by the
/// set, by the earliest permission of its own list that the set holds; no permission is added
/// for an operation that a chosen one already allows (a chosen permission is reused wherever
/// it is accepted); the set has at most `1 + ln n` times as many permissions as the smallest
/// possible for `n` operations (the greedy bound); and the result is deterministic.
/// Operations whose page says "Not supported." for the type, or names no permission, are
/// listed apart; an operation named twice counts once.
pub fn least_privilege<'a>(
    operations: &[(&'a str, Permissions<'a>)],
    permission_type: PermissionType,
) -> LeastPrivilege<'a> {
    // Plain vectors and linear searches: a program's operations and the permissions they
    // accept are few, and the order met is the tie-break.
    let mut not_supported = Vec::new();
    let mut not_stated = Vec::new();
    let mut callable: Vec<(&'a str, &'a [&'a str])> = Vec::new();
    let mut seen: Vec<&'a str> = Vec::new();
    for (name, permissions) in operations {
        // An operation given twice counts once.
        if seen.contains(name) {
            continue;
        }
        seen.push(name);
        match permissions.of(permission_type) {
            Accepted::AnyOf(accepted) => callable.push((*name, accepted)),
            Accepted::NotSupported => not_supported.push(*name),
            Accepted::NotStated => not_stated.push(*name),
        }
    }

    let mut chosen: Vec<&'a str> = Vec::new();
    for (_, accepted) in &callable {
        if let [only] = accepted
            && !chosen.contains(only)
        {
            chosen.push(only);
        }
    }
    loop {
        let uncovered: Vec<&[&'a str]> = callable
            .iter()
            .map(|(_, accepted)| *accepted)
            .filter(|accepted| !accepted.iter().any(|p| chosen.contains(p)))
            .collect();
        // Candidates in the order met, each with (operations allowed, sum of positions).
        let mut candidates: Vec<(&'a str, usize, usize)> = Vec::new();
        for accepted in &uncovered {
            for (position, permission) in accepted.iter().enumerate() {
                match candidates.iter_mut().find(|(p, _, _)| p == permission) {
                    Some((_, count, rank)) => {
                        *count += 1;
                        *rank += position;
                    }
                    None => candidates.push((permission, 1, position)),
                }
            }
        }
        // `min_by_key` keeps the first of equals: the one met first.
        let best = candidates
            .into_iter()
            .min_by_key(|&(_, count, rank)| (std::cmp::Reverse(count), rank));
        match best {
            Some((permission, _, _)) => chosen.push(permission),
            None => break,
        }
    }

    let mut grants: Vec<Grant<'a>> = chosen
        .into_iter()
        .map(|permission| Grant {
            permission,
            operations: Vec::new(),
        })
        .collect();
    for (name, accepted) in callable {
        let least = accepted
            .iter()
            .find_map(|p| grants.iter().position(|grant| grant.permission == *p));
        if let Some(index) = least {
            grants[index].operations.push(name);
        }
    }
    grants.retain(|grant| !grant.operations.is_empty());
    LeastPrivilege {
        permission_type,
        grants,
        not_supported,
        not_stated,
    }
}
