//! The importer on plain-text renderings of pages (`*.txt`): the text a reader copies from the
//! published web page, tables without separators and links without targets.
//!
//! The real rendering comes from the folder named by `MSGRAPH_DOCS_DIR` (default
//! `<workspace>/../shared/graph-docs`, file `rendered/<page>.txt`). Without it that test prints
//! a notice and passes, unless `MSGRAPH_DOCS_REQUIRED=1`. The other tests write their own pages.

mod common;

use std::fs;
use std::path::Path;

use common::{checked_in_spec, copy_dir, docs_dir};
use msgraph_codegen::import::{ImportReport, import};
use msgraph_codegen::spec::{self, SpecFile};

const FAMILY: &str = "managedAllDeviceCertificateState";
const UPDATE: &str = "intune-deviceconfig-managedalldevicecertificatestate-update";

/// A temporary copy of the checked-in spec directory.
fn spec_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&checked_in_spec(), dir.path());
    dir
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn endpoint(path: &Path) -> Box<spec::Endpoint> {
    match serde_saphyr::from_str::<SpecFile>(&read(path)) {
        Ok(SpecFile::Endpoint(endpoint)) => endpoint,
        Ok(other) => panic!("{}: not an endpoint: {other:?}", path.display()),
        Err(error) => panic!("{}: {error}", path.display()),
    }
}

/// Markdown as a rendering shows it: links reduced to their text, no `code` marks.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        match (tail.find("]("), tail.find(')')) {
            (Some(mid), Some(close)) if mid < close => {
                out.push_str(&tail[1..mid]);
                rest = &tail[close + 1..];
            }
            _ => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace('`', "")
}

/// Whether the report has a note on `page` at `line` whose reason contains `text`.
fn note_at(report: &ImportReport, page: &Path, line: usize, text: &str) -> bool {
    report
        .notes
        .iter()
        .any(|n| n.page == page && n.line == line && n.reason.contains(text))
}

fn assert_note(report: &ImportReport, page: &Path, line: usize, text: &str) {
    assert!(
        note_at(report, page, line, text),
        "no note at {}:{line} containing {text:?}\n{report}",
        page.display()
    );
}

#[test]
fn the_rendered_update_page_gives_the_checked_in_endpoint() {
    let Some(docs) = docs_dir(&format!("rendered/{UPDATE}.txt")) else {
        return;
    };
    let page = docs.join(format!("rendered/{UPDATE}.txt"));
    let dir = spec_copy();
    let target = dir.path().join(FAMILY).join(format!("{UPDATE}.yaml"));
    fs::remove_file(&target).expect("remove the update page's file from the copy");

    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported, vec![page.clone()]);
    assert!(report.failed.is_empty());
    assert_eq!(report.written, vec![target.clone()]);
    // Every note is about this page, and each says where.
    for note in &report.notes {
        assert_eq!(note.page, page, "{note}");
    }
    // The copy, with the new file, is still a spec that generates.
    msgraph_codegen::generate(dir.path()).expect("the spec with the imported file generates");

    let produced = endpoint(&target);
    let expected = endpoint(
        &checked_in_spec()
            .join(FAMILY)
            .join(format!("{UPDATE}.yaml")),
    );

    // What the text says in full: equal.
    assert_eq!(produced.name.value, expected.name.value);
    assert_eq!(produced.method.value, expected.method.value);
    assert_eq!(produced.path.value, expected.path.value);
    assert_eq!(produced.additional_paths, expected.additional_paths);
    assert_eq!(
        produced.odata_query_parameters,
        expected.odata_query_parameters
    );
    let names = |e: &spec::Endpoint| -> Vec<(String, Option<String>)> {
        e.path_parameters
            .iter()
            .map(|p| (p.name.value.clone(), p.description.clone()))
            .collect()
    };
    assert_eq!(names(&produced), names(&expected));
    let scopes = |e: &spec::Endpoint| {
        (
            e.permissions.delegated_work_or_school.clone(),
            e.permissions.delegated_personal_account.clone(),
            e.permissions.application.clone(),
        )
    };
    assert_eq!(scopes(&produced), scopes(&expected));
    assert_eq!(
        produced.response.status.value,
        expected.response.status.value
    );
    assert_eq!(
        produced.response.ty.as_ref().map(|t| &t.value),
        expected.response.ty.as_ref().map(|t| &t.value)
    );
    assert_eq!(produced.response.collection, expected.response.collection);
    let produced_body = produced.request_body.as_ref().expect("a request body");
    let expected_body = expected.request_body.as_ref().expect("a request body");
    assert_eq!(
        produced_body.ty.as_ref().map(|t| &t.value),
        expected_body.ty.as_ref().map(|t| &t.value)
    );
    assert!(produced_body.parameters.is_empty() && expected_body.parameters.is_empty());
    assert_eq!(produced_body.placement, expected_body.placement);

    // The examples are text without markdown: equal field by field.
    assert_eq!(produced.examples.len(), expected.examples.len());
    for (got, want) in produced.examples.iter().zip(&expected.examples) {
        let (got_req, want_req) = (&got.request, &want.request);
        assert_eq!(got_req.description, want_req.description);
        assert_eq!(got_req.method, want_req.method);
        assert_eq!(got_req.url, want_req.url);
        let headers = |h: &[spec::ExampleHeader]| -> Vec<(String, String)> {
            h.iter()
                .map(|h| (h.name.clone(), h.value.clone()))
                .collect()
        };
        assert_eq!(headers(&got_req.headers), headers(&want_req.headers));
        assert_eq!(
            got_req.body.as_ref().map(|b| &b.value),
            want_req.body.as_ref().map(|b| &b.value)
        );
        let (got_res, want_res) = (&got.response, &want.response);
        assert_eq!(got_res.description, want_res.description);
        assert_eq!(got_res.status, want_res.status);
        assert_eq!(headers(&got_res.headers), headers(&want_res.headers));
        assert_eq!(
            got_res.body.as_ref().map(|b| &b.value),
            want_res.body.as_ref().map(|b| &b.value)
        );
    }
    assert_note(&report, &page, 63, "the example's description");
    assert_note(&report, &page, 87, "the example's description");

    // Prose: the text keeps the words but not the links or `code` marks; equal to the checked-in
    // prose reduced the same way, and reported line by line.
    assert_eq!(produced.summary, plain(&expected.summary));
    assert_ne!(produced.summary, expected.summary, "the link is lost");
    assert_note(&report, &page, 9, "the summary is written as plain text");
    assert_eq!(produced_body.description, plain(&expected_body.description));
    assert_note(&report, &page, 36, "the request body's description");
    assert_eq!(
        produced.response.description,
        plain(&expected.response.description)
    );
    assert_note(&report, &page, 57, "the response's description");
    // The call-outs: the beta warning is api.yaml's and is not repeated; the Intune note is kept
    // without its link.
    assert_eq!(produced.page.notes.len(), expected.page.notes.len());
    for (got, want) in produced.page.notes.iter().zip(&expected.page.notes) {
        assert_eq!(
            format!("{:?}", got.kind),
            format!("{:?}", want.kind),
            "call-out kind"
        );
        assert_eq!(got.text, plain(&want.text));
    }
    assert_note(&report, &page, 7, "taken for a `note` call-out");

    // The markdown page's path: the text does not name it, so the source is the rendered file,
    // and the report names the markdown page of the same name.
    assert_eq!(produced.page.source.value, format!("rendered/{UPDATE}.txt"));
    assert_eq!(expected.page.source.value, format!("beta/api/{UPDATE}.md"));
    assert_note(&report, &page, 0, "does not name its markdown page");
    assert_note(&report, &page, 0, &format!("`beta/api/{UPDATE}.md`"));

    // National clouds: the text lists the four clouds but none of the ✅/❌ marks that say where
    // the operation is available. Not invented: reported, and written as not stated.
    assert_eq!(
        expected
            .national_clouds
            .iter()
            .flatten()
            .map(|c| c.value.id())
            .collect::<Vec<_>>(),
        ["global", "us_gov_l4", "us_gov_l5_dod", "china_21vianet"]
    );
    assert_eq!(produced.national_clouds, None);
    assert_note(&report, &page, 13, "availability marks");

    // Request headers. The rendering is of the published page, newer than the checked-in file's
    // 2021–23 markdown: it writes `Bearer {token}. Required. Learn more …` where that markdown
    // wrote `Bearer &lt;token&gt; Required.`, so the value differs as the pages do.
    let headers = |e: &spec::Endpoint| -> Vec<(String, String, bool)> {
        e.headers
            .iter()
            .map(|h| (h.name.clone(), h.value.clone(), h.required))
            .collect()
    };
    let got = headers(&produced);
    let want = headers(&expected);
    assert_eq!(got.len(), want.len());
    assert_eq!(got.get(1), want.get(1), "Accept");
    let (got_auth, want_auth) = (&got[0], &want[0]);
    assert_eq!((&got_auth.0, got_auth.2), (&want_auth.0, want_auth.2));
    assert_eq!(want_auth.1, "Bearer <token>");
    assert_eq!(got_auth.1, "Bearer {token}");

    // The request-body table's descriptions are read too (they describe the entity when its
    // page is missing), so their lost marks are noted.
    assert_note(
        &report,
        &page,
        40,
        "request body table's Description column",
    );

    // Nothing else is reported: every note is one of the above.
    assert_eq!(report.notes.len(), 9, "{report}");

    // The request-body table agrees with the entity's `create` flags: the entity is untouched.
    let entity = |root: &Path| {
        read(
            &root
                .join(FAMILY)
                .join("intune-deviceconfig-managedalldevicecertificatestate.yaml"),
        )
    };
    assert_eq!(entity(dir.path()), entity(&checked_in_spec()));
}

/// A synthetic rendered action page with a parameters table whose rows the spec cannot all
/// split with certainty. Line numbers are 1-based.
const ACTION: &str = "\
Skip to main content
Microsoft Learn
Revoke managedAllDeviceCertificateState

Article
08/01/2024
Feedback

Namespace: microsoft.graph

Revoke a managedAllDeviceCertificateState.

Permissions

Permission type Permissions (from least to most privileged)
Delegated (work or school account) DeviceManagementConfiguration.ReadWrite.All
Delegated (personal Microsoft account) Not supported.
Application DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All

HTTP Request

POST /deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/{managedAllDeviceCertificateStateId}/revoke

Request headers

Header Value
Authorization Bearer {token}. Required.

Request body

In the request body, supply JSON representation of the parameters.

Parameter Type Description
reason String Why it is revoked
status certificateRevocationStatus The new status
targets widgetTarget collection Targets of the action
colour paintColour The colour to use
orphan

Response

If successful, this action returns a 204 No Content response code.

Feedback
Was this page helpful?
Yes
No
";

#[test]
fn ambiguous_rows_are_reported_with_page_and_line() {
    let docs = tempfile::tempdir().expect("tempdir");
    let page = docs
        .path()
        .join("rendered/intune-deviceconfig-managedalldevicecertificatestate-revoke.txt");
    fs::create_dir_all(page.parent().expect("parent")).expect("mkdir");
    fs::write(&page, ACTION).expect("write");
    let dir = spec_copy();
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported, vec![page.clone()]);

    // Lines 34 and 35 split with certainty (a primitive; an enum the spec knows): no note.
    assert!(!report.notes.iter().any(|n| n.line == 34 || n.line == 35));
    // `widgetTarget collection`: the spec knows no such type, and the description could begin
    // with `collection`.
    assert_note(
        &report,
        &page,
        36,
        "took `widgetTarget collection` as the type",
    );
    // `paintColour` is no type the spec knows.
    assert_note(
        &report,
        &page,
        37,
        "`paintColour` is neither a primitive nor a type",
    );
    // A single word: left out, not a panic.
    assert_note(&report, &page, 38, "single word");
    // The chrome before the title is known and not reported; the footer after the page neither.
    assert!(
        !report.notes.iter().any(|n| n.line <= 9 && n.line > 0),
        "{report}"
    );
    assert!(!report.notes.iter().any(|n| n.line >= 44), "{report}");

    // Placed with its entity, which the file name names and the spec spells.
    let file = dir
        .path()
        .join(FAMILY)
        .join("intune-deviceconfig-managedalldevicecertificatestate-revoke.yaml");
    let written = endpoint(&file);
    assert_eq!(
        written.name.value,
        "Revoke managedAllDeviceCertificateState"
    );
    let body = written.request_body.as_ref().expect("parameters");
    let parameters: Vec<(&str, &str, &str)> = body
        .parameters
        .iter()
        .map(|p| {
            (
                p.name.value.as_str(),
                p.ty.value.as_str(),
                p.description.as_str(),
            )
        })
        .collect();
    assert_eq!(
        parameters,
        [
            ("reason", "String", "Why it is revoked"),
            ("status", "certificateRevocationStatus", "The new status"),
            (
                "targets",
                "widgetTarget collection",
                "Targets of the action"
            ),
            ("colour", "paintColour", "The colour to use"),
        ]
    );
    assert_eq!(written.response.status.value.code(), 204);
    assert_eq!(
        written.permissions.application,
        [
            "DeviceManagementConfiguration.Read.All",
            "DeviceManagementConfiguration.ReadWrite.All"
        ]
    );
    assert!(written.permissions.delegated_personal_account.is_empty());
    assert_eq!(written.headers.len(), 1);
    assert!(written.headers[0].required);
}

/// A synthetic rendered resource page for the spec's entity: the key is kept from the spec, a
/// row that contradicts the spec is reported.
const RESOURCE: &str = "\
managedAllDeviceCertificateState resource type

Namespace: microsoft.graph

A certificate state.

Properties

Property Type Description
id String Key of the entity.
certificateKeyUsages Int64 Key Usage
certificateRevokeStatus certificateRevocationStatus Revoke status.

Relationships

None
";

#[test]
fn a_rendered_resource_page_keeps_the_key_and_reports_contradictions() {
    let docs = tempfile::tempdir().expect("tempdir");
    let page = docs
        .path()
        .join("rendered/intune-deviceconfig-managedalldevicecertificatestate.txt");
    fs::create_dir_all(page.parent().expect("parent")).expect("mkdir");
    fs::write(&page, RESOURCE).expect("write");
    let dir = spec_copy();
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported, vec![page.clone()]);
    assert_note(&report, &page, 0, "kept `key: id`");
    assert_note(
        &report,
        &page,
        11,
        "documents `managedAllDeviceCertificateState.certificateKeyUsages` as `Int32`",
    );
    let text = read(
        &dir.path()
            .join(FAMILY)
            .join("intune-deviceconfig-managedalldevicecertificatestate.yaml"),
    );
    let Ok(SpecFile::Entity(entity)) = serde_saphyr::from_str::<SpecFile>(&text) else {
        panic!("not an entity:\n{text}");
    };
    assert_eq!(entity.key.as_ref().map(|k| k.value.as_str()), Some("id"));
    let rows: Vec<(&str, &str, &str)> = entity
        .properties
        .iter()
        .map(|p| {
            (
                p.name.value.as_str(),
                p.ty.value.as_str(),
                p.description.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("id", "String", "Key of the entity."),
            ("certificateKeyUsages", "Int64", "Key Usage"),
            (
                "certificateRevokeStatus",
                "certificateRevocationStatus",
                "Revoke status."
            ),
        ]
    );
    assert!(entity.relationships.is_empty());
}

/// A small deterministic generator, so the garbage is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn garbage_gives_notes_and_no_panic() {
    let docs = tempfile::tempdir().expect("tempdir");
    let folder = docs.path().join("rendered");
    fs::create_dir_all(&folder).expect("mkdir");
    let mut pages: Vec<(String, Vec<u8>)> = vec![
        ("empty".to_owned(), Vec::new()),
        ("blank".to_owned(), b"\n \n\t\r\n".to_vec()),
        ("chrome".to_owned(), b"Feedback\nCopy\nIn this article\n".to_vec()),
        ("bom".to_owned(), "\u{feff}Namespace: x".as_bytes().to_vec()),
        ("invalid-utf8".to_owned(), vec![0xff, 0xfe, 0x00, b'\n', 0xc3]),
        (
            "headings-only".to_owned(),
            b"T\nHTTP Request\n\nGET\n\nResponse\n\nExample\n\nRequest\n\nGET https://x\n{\n\nResponse\n\nHTTP/1.1\n[\"\n"
                .to_vec(),
        ),
        (
            "odd-json".to_owned(),
            "Get x\n\nHTTP Request\n\nGET /x/{\n\nResponse\n\nreturns 65535 OK and 200 Ok\n\nExample\n\nRequest\n\nGET https://x/é\nA:\n\n{\"a\": \"\\\"}\n\nResponse\n\nHTTP/1.1 999999 OK\n\n]]]\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "odd-resource".to_owned(),
            "é resource type\n\nProperties\n\nProperty Type Description\n\u{1F600} x\na\u{300}b String\nid\tString\tKey\tmore\n\nRelationships\n\nRelationship Type Description\nx collection\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "odd-enum".to_owned(),
            "e enum type\n\nMembers\n\nMember Value Description\na 99999999999999999999 x\nb -1\n"
                .as_bytes()
                .to_vec(),
        ),
    ];
    let mut random = Lcg(0x5eed);
    for index in 0..8 {
        let bytes: Vec<u8> = (0..2000).map(|_| random.next() as u8).collect();
        pages.push((format!("random-bytes-{index}"), bytes));
        // Valid UTF-8 made of the page's own vocabulary, in random order.
        let words = [
            "Namespace:",
            "HTTP",
            "Request",
            "Response",
            "Example",
            "\n",
            "\n\n",
            "GET",
            "/x/{id}",
            "https://graph.microsoft.com/beta/x",
            "{",
            "}",
            "[",
            "\"",
            "200",
            "OK",
            "Property",
            "Type",
            "Description",
            "String",
            "collection",
            "Permission",
            "type",
            "Delegated",
            "(work",
            "or",
            "school",
            "account)",
            "Not",
            "supported.",
            "é",
            "✅",
            "\t",
            "Note:",
            "Important",
            "resource",
            "enum",
            "Header",
            "Value",
            "Required.",
            "Request body",
            "Request headers",
            "HTTP/1.1",
            "Content-Type:",
            "Global service",
        ];
        let text: String = (0..600)
            .map(|_| {
                let word = words[random.next() as usize % words.len()];
                format!("{word} ")
            })
            .collect();
        pages.push((format!("random-words-{index}"), text.into_bytes()));
    }
    // Every prefix cut of a well-formed page, at char boundaries.
    let cuts: Vec<usize> = ACTION
        .char_indices()
        .map(|(at, _)| at)
        .filter(|at| at % 97 == 0)
        .collect();
    for at in cuts {
        pages.push((format!("cut-{at}"), ACTION.as_bytes()[..at].to_vec()));
    }
    for (name, bytes) in &pages {
        fs::write(folder.join(format!("{name}.txt")), bytes).expect("write");
    }

    let dir = spec_copy();
    let report = import(&[docs.path().to_path_buf()], dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.imported.len() + report.failed.len(), pages.len());
    for failed in &report.failed {
        assert!(
            report.notes.iter().any(|n| &n.page == failed),
            "{} failed without a note",
            failed.display()
        );
    }
    let failed = |name: &str| report.failed.contains(&folder.join(format!("{name}.txt")));
    for name in ["empty", "blank", "chrome", "invalid-utf8", "headings-only"] {
        assert!(failed(name), "{name} should fail\n{report}");
    }
    assert_note(&report, &folder.join("empty.txt"), 0, "the page is empty");
    assert_note(
        &report,
        &folder.join("invalid-utf8.txt"),
        1,
        "not valid UTF-8",
    );
    // The spec directory still loads: whatever was written is in the spec format.
    msgraph_codegen::load::load(dir.path()).expect("the spec still loads");
}

#[test]
fn a_large_odd_page_is_read_in_one_pass() {
    // Patterns that a careless reader would rescan for every line: repeated "In this article"
    // lists, thousands of rows, messages without headings between them, JSON that never
    // closes. Quadratic work here would take minutes; the test takes well under a second.
    let mut text = String::from("Big thing\n\nNamespace: microsoft.graph\n\n");
    for _ in 0..2_000 {
        text.push_str("In this article\nPermissions\nResponse\n");
    }
    text.push_str("\nPermissions\n\nPermission type Permissions (from least to most privileged)\n");
    for index in 0..2_000 {
        text.push_str(&format!("Application Scope{index}.Read.All, Other.All\n"));
    }
    text.push_str("\nHTTP Request\n\n");
    for _ in 0..2_000 {
        text.push_str("GET /things/{thingId}\n");
    }
    text.push_str("\nRequest body\n\nIn the request body, supply JSON representation of the parameters.\n\nParameter Type Description\n");
    for index in 0..2_000 {
        text.push_str(&format!("p{index} widget collection of things\n"));
    }
    text.push_str("\nResponse\n\nReturns 200 OK and a String.\n\nExample\n\nRequest\n\n");
    for _ in 0..2_000 {
        text.push_str("GET https://graph.microsoft.com/beta/things/1\nA: b\n");
    }
    text.push_str("\nResponse\n\n");
    for _ in 0..2_000 {
        text.push_str("HTTP/1.1 200 OK\n{\n\"a\": [\n");
    }
    let docs = tempfile::tempdir().expect("tempdir");
    let page = docs.path().join("rendered/big.txt");
    fs::create_dir_all(page.parent().expect("parent")).expect("mkdir");
    fs::write(&page, &text).expect("write");
    let dir = spec_copy();
    let started = std::time::Instant::now();
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{} notes in {:?}", report.notes.len(), started.elapsed());
    assert_eq!(report.imported.len() + report.failed.len(), 1);
}

#[test]
fn re_importing_the_rendered_page_keeps_what_the_text_does_not_state() {
    let Some(docs) = docs_dir(&format!("rendered/{UPDATE}.txt")) else {
        return;
    };
    let page = docs.join(format!("rendered/{UPDATE}.txt"));
    let dir = spec_copy();
    let target = dir.path().join(FAMILY).join(format!("{UPDATE}.yaml"));
    let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
    println!("{report}");
    assert_eq!(report.written, vec![target.clone()]);
    let produced = endpoint(&target);
    // The source and the national clouds are not in the text: kept from the file it updates.
    assert_eq!(produced.page.source.value, format!("beta/api/{UPDATE}.md"));
    assert_note(
        &report,
        &page,
        0,
        &format!("kept `page.source: beta/api/{UPDATE}.md`"),
    );
    assert_eq!(produced.national_clouds.map(|clouds| clouds.len()), Some(4));
    assert!(
        !report
            .notes
            .iter()
            .any(|n| n.reason.contains("national clouds not stated"))
    );
    // The availability marks are still reported missing.
    assert_note(&report, &page, 13, "availability marks");
}

#[test]
fn the_web_pages_chrome_changes_nothing() {
    let Some(docs) = docs_dir(&format!("rendered/{UPDATE}.txt")) else {
        return;
    };
    let clean = read(&docs.join(format!("rendered/{UPDATE}.txt")));
    // The same page as a browser copy may give it: navigation before the title, the article's
    // metadata and "In this article" list, code-block labels and Copy buttons, the footer.
    let mut noisy = String::from(
        "Skip to main content\nMicrosoft Learn\nSign in\n\nTable of contents\nExit focus mode\n\n\
         Read in English\nSave\nEdit\nPrint\n\n",
    );
    for line in clean.lines() {
        if line.starts_with("PATCH https://") || line.starts_with("HTTP/1.1") {
            noisy.push_str("HTTP\n\nCopy\n");
        }
        noisy.push_str(line);
        noisy.push('\n');
        if line.starts_with("Update managedAllDeviceCertificateState") {
            noisy.push_str(
                "\nArticle\n08/01/2024\n2 contributors\nFeedback\n\nIn this article\n\
                 Permissions\nHTTP Request\nRequest headers\nRequest body\nResponse\nShow 2 more\n",
            );
        }
    }
    noisy.push_str(
        "\nFeedback\nWas this page helpful?\nYes\nNo\n\nProvide product feedback\n\n\
         Additional resources\n",
    );

    let mut written = Vec::new();
    let mut counts = Vec::new();
    for text in [clean, noisy] {
        let pages = tempfile::tempdir().expect("tempdir");
        let page = pages.path().join(format!("rendered/{UPDATE}.txt"));
        fs::create_dir_all(page.parent().expect("parent")).expect("mkdir");
        fs::write(&page, &text).expect("write");
        let dir = spec_copy();
        let target = dir.path().join(FAMILY).join(format!("{UPDATE}.yaml"));
        fs::remove_file(&target).expect("remove");
        let report = import(std::slice::from_ref(&page), dir.path()).expect("imports");
        println!("{report}");
        assert_eq!(report.imported, vec![page]);
        written.push(read(&target));
        counts.push(report.notes.len());
    }
    assert_eq!(written[0], written[1], "the chrome changed the file");
    assert_eq!(counts[0], counts[1], "the chrome was reported");
}
