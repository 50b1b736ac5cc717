//! `cargo xtask codegen` as a maintainer runs it: exit codes, messages, and output that does not
//! depend on the environment.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use msgraph_tests::{copy_dir, read_tree};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

fn xtask(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("xtask runs")
}

#[test]
fn an_invalid_spec_exits_non_zero_and_writes_nothing() {
    let work = tempfile::tempdir().expect("tempdir");
    let spec = work.path().join("spec");
    let out = work.path().join("out");
    copy_dir(&workspace().join("spec"), &spec);
    let spec_arg = spec.to_str().expect("utf-8");
    let out_arg = out.to_str().expect("utf-8");
    assert!(
        xtask(&["codegen", "--spec", spec_arg, "--out", out_arg], &[])
            .status
            .success()
    );
    let before = read_tree(&out);

    let entity = spec.join("managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate.yaml");
    let yaml = fs::read_to_string(&entity)
        .expect("read")
        .replace("type: Int32", "type: Int23");
    fs::write(&entity, yaml).expect("write");
    let output = xtask(&["codegen", "--spec", spec_arg, "--out", out_arg], &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("intune-deviceconfig-managedalldevicecertificatestate.yaml:52:13: error: unknown type `Int23`"), "{stderr}");
    assert!(stderr.contains("hint: did you mean `Int32`?"), "{stderr}");
    assert!(
        stderr.ends_with("1 error\nnothing was written\n"),
        "{stderr}"
    );
    assert_eq!(read_tree(&out), before);
}

#[test]
fn check_names_stale_files_and_fails() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = work.path().join("out");
    let out_arg = out.to_str().expect("utf-8");
    assert!(xtask(&["codegen", "--out", out_arg], &[]).status.success());
    let check = xtask(&["codegen", "--out", out_arg, "--check"], &[]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let lib = out.join("models/src/lib.rs");
    let text = fs::read_to_string(&lib)
        .expect("read")
        .replace("\"beta\"", "\"v1.0\"");
    fs::write(&lib, text).expect("write");
    let check = xtask(&["codegen", "--out", out_arg, "--check"], &[]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.starts_with("stale: models/src/lib.rs\n"), "{stderr}");
    assert!(
        stderr.contains(
            "-pub const API_VERSION: &str = \"v1.0\";\n  +pub const API_VERSION: &str = \"beta\";"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("does not match the spec: run `cargo xtask codegen`"),
        "{stderr}"
    );
}

#[test]
fn output_does_not_depend_on_locale_or_file_order() {
    let work = tempfile::tempdir().expect("tempdir");
    // The same spec, its files created in reverse order so directory order differs.
    let reversed = work.path().join("reversed");
    let mut files: Vec<(PathBuf, Vec<u8>)> = read_tree(&workspace().join("spec"));
    files.reverse();
    for (path, bytes) in &files {
        let target = reversed.join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("write");
    }

    let runs = [
        ("spec", vec![("LC_ALL", "C"), ("LANG", "C")]),
        (
            "reversed",
            vec![("LC_ALL", "tr_TR.UTF-8"), ("LANG", "tr_TR.UTF-8")],
        ),
        (
            "spec",
            vec![("LC_ALL", "de_DE.UTF-8"), ("TZ", "Pacific/Chatham")],
        ),
    ];
    let mut trees = Vec::new();
    for (index, (spec, env)) in runs.iter().enumerate() {
        let spec = if *spec == "spec" {
            workspace().join("spec")
        } else {
            reversed.clone()
        };
        let out = work.path().join(format!("out{index}"));
        let output = xtask(
            &[
                "codegen",
                "--spec",
                spec.to_str().expect("utf-8"),
                "--out",
                out.to_str().expect("utf-8"),
            ],
            env,
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        trees.push(read_tree(&out));
    }
    assert!(!trees[0].is_empty());
    assert_eq!(trees[0], trees[1]);
    assert_eq!(trees[0], trees[2]);
    assert_eq!(
        trees[0],
        read_tree(&workspace().join("generated")),
        "the same bytes as the checked-in crate"
    );
}

#[test]
fn every_class_of_bad_spec_fails_without_writing() {
    let work = tempfile::tempdir().expect("tempdir");
    let spec = work.path().join("spec");
    let out = work.path().join("out");
    copy_dir(&workspace().join("spec"), &spec);
    let (spec_arg, out_arg) = (spec.to_str().expect("utf-8"), out.to_str().expect("utf-8"));
    assert!(
        xtask(&["codegen", "--spec", spec_arg, "--out", out_arg], &[])
            .status
            .success()
    );
    let before = read_tree(&out);

    let entity = "managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate.yaml";
    let enumeration =
        "managedAllDeviceCertificateState/intune-deviceconfig-certificaterevocationstatus.yaml";
    let update = "managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate-update.yaml";
    let cases: [(&str, &str, &str, &str); 6] = [
        (entity, "type: Int32", "type: Int23", "unknown type `Int23`"),
        (
            entity,
            "      create: true\n",
            "      creat: true\n",
            "unknown field `creat`",
        ),
        (entity, "  key: id\n", "  key: [id\n", "error:"),
        (
            enumeration,
            "name: pending",
            "name: none",
            "duplicate member `none`",
        ),
        (
            update,
            "method: PATCH",
            "method: PATCHED",
            "unknown variant `PATCHED`, expected one of GET, POST, PUT, PATCH, DELETE",
        ),
        (
            update,
            "{managedAllDeviceCertificateStateId}\n",
            "{stateId}\n",
            "do not match `path_parameters`",
        ),
    ];
    for (file, from, to, expected) in cases {
        let path = spec.join(file);
        let original = fs::read_to_string(&path).expect("read");
        assert!(original.contains(from), "{file}: `{from}`");
        fs::write(&path, original.replacen(from, to, 1)).expect("write");
        let output = xtask(&["codegen", "--spec", spec_arg, "--out", out_arg], &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "`{to}` in {file}: {stderr}");
        assert!(
            stderr.contains(expected),
            "expected `{expected}` in:\n{stderr}"
        );
        assert!(
            stderr.contains(".yaml:") && stderr.ends_with("nothing was written\n"),
            "{stderr}"
        );
        assert_eq!(read_tree(&out), before, "nothing was written for `{to}`");
        fs::write(&path, original).expect("restore");
    }
}

/// `cargo xtask permissions` over the checked-in spec.
fn permissions(args: &[&str]) -> Output {
    let spec = workspace().join("spec");
    let mut all = vec!["permissions", "--spec", spec.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    xtask(&all, &[])
}

/// Eight Intune operations of five workloads, by page title or request type. Their pages'
/// tables, least privileged first (work or school accounts; applications where different):
/// - Get mobileApp: DeviceManagementApps.Read.All, DeviceManagementApps.ReadWrite.All
/// - assign action (mobileApp): DeviceManagementApps.ReadWrite.All
/// - List deviceCompliancePolicies: DeviceManagementConfiguration.Read.All, ….ReadWrite.All
/// - Get managedDevice: DeviceManagementManagedDevices.Read.All, ….ReadWrite.All
/// - wipe action: DeviceManagementManagedDevices.ReadWrite.All, ….PriviligedOperation.All
/// - getCachedReport action: Configuration, Apps, ManagedDevices, each Read.All then
///   ReadWrite.All
/// - Get microsoftTunnelSite: DeviceManagementConfiguration.Read.All, ….ReadWrite.All,
///   MicrosoftTunnelGateway.Read.All, ….ReadWrite.All (applications: the last two)
/// - Update microsoftTunnelSite: DeviceManagementConfiguration.ReadWrite.All,
///   MicrosoftTunnelGateway.Read.All, ….ReadWrite.All (applications: the last)
const INTUNE_SET: &[&str] = &[
    "Get mobileApp",
    "AssignMobileApp",
    "List deviceCompliancePolicies",
    "Get managedDevice",
    "WipeManagedDevice",
    "GetCachedReportDeviceManagementReports",
    "Get microsoftTunnelSite",
    "Update microsoftTunnelSite",
];

#[test]
fn permissions_for_delegated_access_reuse_what_the_writes_require() {
    // Worked by hand: assign accepts only Apps.ReadWrite.All, so it is granted, and covers Get
    // mobileApp and getCachedReport. Of the rest, Configuration.ReadWrite.All is accepted by
    // the most (List, both tunnel operations), then ManagedDevices.ReadWrite.All by both device
    // operations. getCachedReport then goes to the first of its list the set holds,
    // Configuration.ReadWrite.All.
    let output = permissions(INTUNE_SET);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Delegated (work or school account):
  DeviceManagementApps.ReadWrite.All
    Get mobileApp (GetMobileApp)
    assign action (AssignMobileApp)
  DeviceManagementConfiguration.ReadWrite.All
    List deviceCompliancePolicies (ListDeviceCompliancePolicies)
    getCachedReport action (GetCachedReportDeviceManagementReports)
    Get microsoftTunnelSite (GetMicrosoftTunnelSite)
    Update microsoftTunnelSite (UpdateMicrosoftTunnelSite)
  DeviceManagementManagedDevices.ReadWrite.All
    Get managedDevice (GetManagedDevice)
    wipe action (WipeManagedDevice)
"
    );
}

#[test]
fn permissions_for_applications_follow_the_application_rows() {
    // Worked by hand: assign forces Apps.ReadWrite.All and Update microsoftTunnelSite
    // MicrosoftTunnelGateway.ReadWrite.All, which cover Get mobileApp, getCachedReport and Get
    // microsoftTunnelSite. ManagedDevices.ReadWrite.All is accepted by both device operations,
    // and List deviceCompliancePolicies is left, with its least privileged
    // Configuration.Read.All; getCachedReport lists that one first, so it moves there.
    let output = permissions(&[&["--type", "application"], INTUNE_SET].concat());
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Application:
  DeviceManagementApps.ReadWrite.All
    Get mobileApp (GetMobileApp)
    assign action (AssignMobileApp)
  MicrosoftTunnelGateway.ReadWrite.All
    Get microsoftTunnelSite (GetMicrosoftTunnelSite)
    Update microsoftTunnelSite (UpdateMicrosoftTunnelSite)
  DeviceManagementManagedDevices.ReadWrite.All
    Get managedDevice (GetManagedDevice)
    wipe action (WipeManagedDevice)
  DeviceManagementConfiguration.Read.All
    List deviceCompliancePolicies (ListDeviceCompliancePolicies)
    getCachedReport action (GetCachedReportDeviceManagementReports)
"
    );
    // No Intune page supports personal accounts.
    let output = permissions(&[&["--type", "personal"], INTUNE_SET].concat());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with(
            "Delegated (personal Microsoft account): no permission\n\
             not supported with this permission type:\n    Get mobileApp (GetMobileApp)\n"
        ),
        "{stdout}"
    );
}

#[test]
fn an_unknown_or_ambiguous_operation_is_an_error_with_a_hint() {
    let output = permissions(&["UpdateManagedAllDeviceCertficateState"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "error: no operation is named `UpdateManagedAllDeviceCertficateState`\n  \
             hint: did you mean `UpdateManagedAllDeviceCertificateState`"
        ),
        "{stderr}"
    );
    // 22 pages are titled `assign action`: the request type tells them apart.
    let output = permissions(&["assign action"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("operations are documented as `assign action`")
            && stderr.contains("`AssignMobileApp`"),
        "{stderr}"
    );
}

#[test]
fn an_operation_of_another_namespace_is_named_by_its_path_below_the_crate() {
    // The fixtures document `Get alert` for `microsoft.graph.alert` (SecurityEvents.Read.All)
    // and for `microsoft.graph.security.alert` (SecurityAlert.Read.All).
    let spec = workspace().join("tests/fixtures/spec");
    let spec = spec.to_str().expect("utf-8");
    let output = xtask(&["permissions", "--spec", spec, "Get alert"], &[]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("2 operations are documented as `Get alert`")
            && stderr.contains("`GetAlert`, `security::GetAlert`"),
        "{stderr}"
    );
    let output = xtask(
        &[
            "permissions",
            "--spec",
            spec,
            "security::GetAlert",
            "GetAlert",
        ],
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Delegated (work or school account):
  SecurityAlert.Read.All
    Get alert (security::GetAlert)
  SecurityEvents.Read.All
    Get alert (GetAlert)
"
    );
}
