//! Permissions as data: each operation's `PERMISSIONS` is its page's table, and least privilege
//! over sets of Intune operations gives the answer worked out by hand from those tables.

use std::collections::BTreeMap;
use std::fs;

use msgraph_beta::runtime::{
    Accepted, Grant, Operation, PermissionType, Permissions, least_privilege,
};
use msgraph_beta::{
    CreateManagedAllDeviceCertificateState, DeleteManagedAllDeviceCertificateState,
    GetManagedAllDeviceCertificateState, ListManagedAllDeviceCertificateStates,
    UpdateManagedAllDeviceCertificateState,
};
use msgraph_codegen::ir::{self, ItemKind};
use msgraph_tests::{graph_docs_dir, spec_dir};

const READ: &str = "DeviceManagementConfiguration.Read.All";
const READ_WRITE: &str = "DeviceManagementConfiguration.ReadWrite.All";

/// The same list for work or school accounts and applications; personal accounts "Not
/// supported.", as every Intune page has it.
fn organisational(names: &'static [&'static str]) -> Permissions<'static> {
    Permissions {
        delegated_work_or_school: Accepted::AnyOf(names),
        delegated_personal_account: Accepted::NotSupported,
        application: Accepted::AnyOf(names),
    }
}

#[test]
fn the_seed_family_carries_its_pages_tables() {
    // intune-deviceconfig-managedalldevicecertificatestate-{get,list}.md: Read.All, then
    // ReadWrite.All; -{create,update,delete}.md: ReadWrite.All; personal accounts: Not supported.
    assert_eq!(
        GetManagedAllDeviceCertificateState::INFO.permissions,
        organisational(&[READ, READ_WRITE])
    );
    assert_eq!(
        ListManagedAllDeviceCertificateStates::INFO.permissions,
        organisational(&[READ, READ_WRITE])
    );
    for permissions in [
        CreateManagedAllDeviceCertificateState::INFO.permissions,
        UpdateManagedAllDeviceCertificateState::INFO.permissions,
        DeleteManagedAllDeviceCertificateState::INFO.permissions,
    ] {
        assert_eq!(permissions, organisational(&[READ_WRITE]));
    }
}

fn grant(permission: &'static str, operations: &[&'static str]) -> Grant<'static> {
    Grant {
        permission,
        operations: operations.to_vec(),
    }
}

#[test]
fn reading_the_seed_family_needs_only_read_all() {
    // Get and List accept Read.All first: nothing forces more.
    let plan = least_privilege(
        &[
            (
                GetManagedAllDeviceCertificateState::INFO.name,
                GetManagedAllDeviceCertificateState::INFO.permissions,
            ),
            (
                ListManagedAllDeviceCertificateStates::INFO.name,
                ListManagedAllDeviceCertificateStates::INFO.permissions,
            ),
        ],
        PermissionType::DelegatedWorkOrSchool,
    );
    assert_eq!(
        plan.grants,
        [grant(
            READ,
            &[
                "Get managedAllDeviceCertificateState",
                "List managedAllDeviceCertificateStates"
            ]
        )]
    );
    assert!(plan.not_supported.is_empty() && plan.not_stated.is_empty());
}

#[test]
fn the_whole_seed_family_needs_read_write_all_alone() {
    // Create, Update and Delete accept only ReadWrite.All, which Get and List accept too: the
    // reads reuse it rather than add Read.All.
    let family = [
        (
            GetManagedAllDeviceCertificateState::INFO.name,
            GetManagedAllDeviceCertificateState::INFO.permissions,
        ),
        (
            ListManagedAllDeviceCertificateStates::INFO.name,
            ListManagedAllDeviceCertificateStates::INFO.permissions,
        ),
        (
            CreateManagedAllDeviceCertificateState::INFO.name,
            CreateManagedAllDeviceCertificateState::INFO.permissions,
        ),
        (
            UpdateManagedAllDeviceCertificateState::INFO.name,
            UpdateManagedAllDeviceCertificateState::INFO.permissions,
        ),
        (
            DeleteManagedAllDeviceCertificateState::INFO.name,
            DeleteManagedAllDeviceCertificateState::INFO.permissions,
        ),
    ];
    let plan = least_privilege(&family, PermissionType::Application);
    assert_eq!(
        plan.grants,
        [grant(
            READ_WRITE,
            &[
                "Get managedAllDeviceCertificateState",
                "List managedAllDeviceCertificateStates",
                "Create managedAllDeviceCertificateState",
                "Update managedAllDeviceCertificateState",
                "Delete managedAllDeviceCertificateState",
            ]
        )]
    );
    // No page of the family supports personal accounts.
    let personal = least_privilege(&family, PermissionType::DelegatedPersonalAccount);
    assert!(personal.grants.is_empty());
    assert_eq!(personal.not_supported.len(), 5);
}

#[test]
fn operations_of_two_permission_families_need_one_permission_of_each() {
    // enableUnlicensedAdminstrators (a `deviceManagement` operation, outside `deviceconfig`,
    // so read from the lowered spec) accepts only DeviceManagementServiceConfig.ReadWrite.All
    // (intune-deviceconfig-devicemanagement-enableunlicensedadminstrators.md), which Get does
    // not: Get keeps its least privileged Read.All.
    let operations = lowered_operations();
    let enable = &operations["beta/api/intune-deviceconfig-devicemanagement-enableunlicensedadminstrators.md"];
    let names = enable.permissions.names();
    let plan = msgraph_codegen::permissions::least_privilege(
        &[
            (
                GetManagedAllDeviceCertificateState::INFO.name,
                runtime_table(GetManagedAllDeviceCertificateState::INFO.permissions),
            ),
            (
                enable.documented_name.as_str(),
                enable.permissions.runtime(&names),
            ),
        ],
        msgraph_codegen::permissions::PermissionType::Application,
    );
    assert_eq!(
        plan.permissions(),
        ["DeviceManagementServiceConfig.ReadWrite.All", READ]
    );
    assert_eq!(
        plan.grants[0].operations,
        ["enableUnlicensedAdminstrators action"]
    );
    assert_eq!(
        plan.grants[1].operations,
        ["Get managedAllDeviceCertificateState"]
    );
}

/// A generated constant as the generator's copy of the runtime types it: the same file,
/// compiled in two crates.
fn runtime_table(
    table: Permissions<'static>,
) -> msgraph_codegen::permissions::Permissions<'static> {
    let row = |accepted| match accepted {
        Accepted::AnyOf(names) => msgraph_codegen::permissions::Accepted::AnyOf(names),
        Accepted::NotSupported => msgraph_codegen::permissions::Accepted::NotSupported,
        Accepted::NotStated => msgraph_codegen::permissions::Accepted::NotStated,
    };
    msgraph_codegen::permissions::Permissions {
        delegated_work_or_school: row(table.delegated_work_or_school),
        delegated_personal_account: row(table.delegated_personal_account),
        application: row(table.application),
    }
}

/// The operations of the checked-in spec, lowered, by their page's path (`beta/api/….md`).
fn lowered_operations() -> BTreeMap<String, ir::OperationSummary> {
    let spec = msgraph_codegen::load::load(&spec_dir()).expect("the checked-in spec loads");
    let symbols = msgraph_codegen::validate::validate(&spec).expect("the spec validates");
    let krate = msgraph_codegen::lower::lower(&spec, &symbols, drop);
    let mut pages = BTreeMap::new();
    for endpoint in &spec.endpoints {
        let operation = krate
            .resources
            .iter()
            .flat_map(|r| &r.items)
            .filter(|item| item.source.file == endpoint.file)
            .find_map(|item| match &item.kind {
                ItemKind::Operation(operation) => Some((**operation).clone()),
                _ => None,
            })
            .expect("every endpoint is an operation");
        pages.insert(endpoint.item.page.source.value.clone(), operation);
    }
    pages
}

/// A Permissions table in its plain form: a row per permission type, comma-separated names or
/// "Not supported.", least privileged first. `None` for any other form (rows grouped under
/// sub-headings, listed most privileged first, placeholders), which the importer's own tests
/// cover.
fn plain_table(page: &str) -> Option<[Vec<String>; 3]> {
    let start = page.find("|Permission type|Permissions (from least to most privileged)|")?;
    let mut rows: [Option<Vec<String>>; 3] = [None, None, None];
    for line in page[start..].lines().skip(2) {
        let Some(cells) = line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) else {
            break;
        };
        let (label, cell) = cells.split_once('|')?;
        let index = match label.trim() {
            "Delegated (work or school account)" => 0,
            "Delegated (personal Microsoft account)" => 1,
            "Application" => 2,
            _ => return None,
        };
        let cell = cell.trim();
        rows[index] = Some(if cell == "Not supported." {
            Vec::new()
        } else {
            cell.split(',').map(|name| name.trim().to_owned()).collect()
        });
    }
    let [Some(work), Some(personal), Some(application)] = rows else {
        return None;
    };
    [&work, &personal, &application]
        .iter()
        .flat_map(|row| row.iter())
        .all(|name| !name.is_empty() && !name.contains([' ', '*', '|']))
        .then_some([work, personal, application])
}

#[test]
fn every_operation_carries_its_pages_table() {
    let Some(docs) = graph_docs_dir() else { return };
    let mut compared = 0;
    for (source, operation) in lowered_operations() {
        let page = fs::read_to_string(docs.join("intune-2021").join(&source))
            .unwrap_or_else(|error| panic!("{source}: {error}"));
        let Some(table) = plain_table(&page) else {
            continue;
        };
        let lowered = operation
            .permissions
            .rows()
            .map(|(_, accepted)| match accepted {
                ir::Accepted::AnyOf(names) => names.clone(),
                ir::Accepted::NotSupported => Vec::new(),
                ir::Accepted::NotStated(text) => panic!("{source}: `{text}` is not stated"),
            });
        assert_eq!(lowered, table, "{source}");
        compared += 1;
    }
    // Of the 2,688 operations, 2,540 have a plain table; the others' tables group rows under
    // sub-headings or list the most privileged first, which the importer's tests cover.
    assert!(compared >= 2500, "only {compared} plain tables compared");
}

#[test]
fn only_the_pages_with_placeholders_state_no_permission() {
    // The 2021 pages whose Permissions table reads `**TODO: Determine scopes **` (or `AppOnly
    // scopes`) for delegated access and applications, found with
    // `grep -l 'TODO: Determine' beta/api/*.md`.
    use msgraph_codegen::permissions::PermissionType;
    let mut not_stated: Vec<(String, Vec<PermissionType>)> = lowered_operations()
        .into_iter()
        .filter_map(|(source, operation)| {
            let types: Vec<PermissionType> = operation
                .permissions
                .rows()
                .into_iter()
                .filter(|(_, accepted)| matches!(accepted, ir::Accepted::NotStated(_)))
                .map(|(permission_type, _)| permission_type)
                .collect();
            (!types.is_empty()).then_some((source, types))
        })
        .collect();
    not_stated.sort();
    let both = vec![
        PermissionType::DelegatedWorkOrSchool,
        PermissionType::Application,
    ];
    let page = |name: &str| format!("beta/api/{name}.md");
    assert_eq!(
        not_stated,
        [
            (
                page("intune-cirrus-officeclientconfigurationassignment-delete"),
                both.clone()
            ),
            (
                page("intune-cirrus-officeclientconfigurationassignment-get"),
                both.clone()
            ),
            (
                page("intune-cirrus-officeclientconfigurationassignment-list"),
                both.clone()
            ),
            (
                page("intune-cirrus-officeclientconfigurationassignment-update"),
                both.clone()
            ),
            (
                page("intune-devices-windowsmanagementapp-setasmanagedinstaller"),
                both
            ),
        ]
    );
}
