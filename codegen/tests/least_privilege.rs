//! `least_privilege`, the runtime's algorithm (compiled into the generator as
//! `msgraph_codegen::permissions`), on small tables whose answer is worked out by hand.

use msgraph_codegen::permissions::{
    Accepted, Grant, LeastPrivilege, PermissionType, Permissions, least_privilege,
};

/// A table accepting `names` for every permission type but personal accounts.
fn any_of<'a>(names: &'a [&'a str]) -> Permissions<'a> {
    Permissions {
        delegated_work_or_school: Accepted::AnyOf(names),
        delegated_personal_account: Accepted::NotSupported,
        application: Accepted::AnyOf(names),
    }
}

fn grant<'a>(permission: &'a str, operations: &[&'a str]) -> Grant<'a> {
    Grant {
        permission,
        operations: operations.to_vec(),
    }
}

#[test]
fn each_read_gets_its_least_privileged_permission_when_nothing_is_shared() {
    let plan = least_privilege(
        &[
            ("read a", any_of(&["A.Read.All", "A.ReadWrite.All"])),
            ("read b", any_of(&["B.Read.All", "B.ReadWrite.All"])),
        ],
        PermissionType::Application,
    );
    assert_eq!(
        plan.grants,
        [
            grant("A.Read.All", &["read a"]),
            grant("B.Read.All", &["read b"])
        ]
    );
}

#[test]
fn a_permission_one_operation_requires_is_reused_for_the_others() {
    // The write accepts only ReadWrite, which the read accepts too: one permission, not two.
    let plan = least_privilege(
        &[
            ("read", any_of(&["A.Read.All", "A.ReadWrite.All"])),
            ("write", any_of(&["A.ReadWrite.All"])),
        ],
        PermissionType::DelegatedWorkOrSchool,
    );
    assert_eq!(plan.grants, [grant("A.ReadWrite.All", &["read", "write"])]);
}

#[test]
fn the_permission_allowing_most_operations_is_chosen_and_ties_go_to_the_least_privileged() {
    // `Broad` allows all three; each narrow one allows one: one permission covers them.
    let plan = least_privilege(
        &[
            ("a", any_of(&["A.Read.All", "Broad.All"])),
            ("b", any_of(&["B.Read.All", "Broad.All"])),
            ("c", any_of(&["C.Read.All", "Broad.All"])),
        ],
        PermissionType::Application,
    );
    assert_eq!(plan.permissions(), ["Broad.All"]);
    // Two permissions each allow both operations: the one listed first wins.
    let plan = least_privilege(
        &[
            ("a", any_of(&["X.Read.All", "X.ReadWrite.All"])),
            ("b", any_of(&["X.Read.All", "X.ReadWrite.All"])),
        ],
        PermissionType::Application,
    );
    assert_eq!(plan.permissions(), ["X.Read.All"]);
}

#[test]
fn an_operation_goes_to_the_least_privileged_chosen_permission_it_accepts() {
    // `report` accepts A.Read.All and B.ReadWrite.All; B.ReadWrite.All is required by `write`
    // and chosen first, but A.Read.All, chosen for `read`, comes first in `report`'s list.
    let plan = least_privilege(
        &[
            ("write", any_of(&["B.ReadWrite.All"])),
            ("report", any_of(&["A.Read.All", "B.ReadWrite.All"])),
            ("read", any_of(&["A.Read.All"])),
        ],
        PermissionType::Application,
    );
    assert_eq!(
        plan.grants,
        [
            grant("B.ReadWrite.All", &["write"]),
            grant("A.Read.All", &["report", "read"])
        ]
    );
}

#[test]
fn operations_no_permission_allows_are_listed_apart() {
    let placeholder = Permissions {
        delegated_work_or_school: Accepted::NotStated,
        ..any_of(&["A.Read.All"])
    };
    let operations = [
        ("read", any_of(&["A.Read.All"])),
        ("undocumented", placeholder),
        ("read", any_of(&["A.Read.All"])),
    ];
    let plan = least_privilege(&operations, PermissionType::DelegatedWorkOrSchool);
    assert_eq!(
        plan,
        LeastPrivilege {
            permission_type: PermissionType::DelegatedWorkOrSchool,
            grants: vec![grant("A.Read.All", &["read"])],
            not_supported: vec![],
            not_stated: vec!["undocumented"],
        }
    );
    let personal = least_privilege(&operations, PermissionType::DelegatedPersonalAccount);
    assert!(personal.grants.is_empty());
    assert_eq!(personal.not_supported, ["read", "undocumented"]);
    assert_eq!(
        personal.to_string(),
        "Delegated (personal Microsoft account): no permission\n\
         not supported with this permission type:\n    read\n    undocumented"
    );
}

#[test]
fn the_report_lists_each_permission_with_its_operations() {
    let plan = least_privilege(
        &[
            ("read", any_of(&["A.Read.All", "A.ReadWrite.All"])),
            ("write", any_of(&["A.ReadWrite.All"])),
            ("other", any_of(&["B.Read.All"])),
        ],
        PermissionType::Application,
    );
    assert_eq!(
        plan.to_string(),
        "Application:\n  A.ReadWrite.All\n    read\n    write\n  B.Read.All\n    other"
    );
}
