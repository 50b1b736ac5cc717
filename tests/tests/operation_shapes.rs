//! Every operation shape the documentation uses — list (paged), get, create, update, delete, an
//! action with a parameters body, a function with URL arguments — generated into a crate that
//! is built and tested with warnings denied.

use std::fs;
use std::path::Path;

const ENDPOINT_TAIL: &str = "  headers:
    - name: Authorization
      value: Bearer <token>
      required: true
    - name: Accept
      value: application/json
  permissions:
    delegated_work_or_school: [Widget.ReadWrite.All]
    delegated_personal_account: []
    application: [Widget.ReadWrite.All]
  national_clouds: [global, us_gov_l4]
";

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn endpoint(dir: &Path, file: &str, head: &str, rest: &str) {
    write(
        dir,
        &format!("widget/{file}.yaml"),
        &format!("endpoint:\n{head}  page:\n    source: beta/api/{file}.md\n{ENDPOINT_TAIL}{rest}"),
    );
}

fn spec(dir: &Path) {
    write(
        dir,
        "api.yaml",
        "api:\n  namespace: microsoft.graph\n  version: beta\n  crate:\n    name: operation-shapes\n    version: 0.0.0\n    description: Operation shapes\n",
    );
    write(dir, "opaque-types.yaml", "opaque_types: [gadget]\n");
    write(
        dir,
        "widget/channel.yaml",
        "enum:\n  name: channel\n  description: Channels.\n  page:\n    source: beta/resources/channel.md\n  flags: true\n  members:\n    - name: lan\n      value: 1\n    - name: wireless\n      value: 2\n    - name: remoteAccess\n      value: 4\n",
    );
    write(
        dir,
        "widget/part.yaml",
        "complex_type:\n  name: part\n  description: A part.\n  page:\n    source: beta/resources/part.md\n  properties:\n    - name: label\n      type: String\n      description: Label.\n",
    );
    write(
        dir,
        "widget/bigPart.yaml",
        "complex_type:\n  name: bigPart\n  description: A big part.\n  page:\n    source: beta/resources/bigpart.md\n  base_type: part\n  properties:\n    - name: label\n      type: String\n      description: Label.\n    - name: weight\n      type: Double\n      description: Weight.\n",
    );
    write(
        dir,
        "widget/widget.yaml",
        "entity:
  name: widget
  description: A widget.
  page:
    source: beta/resources/widget.md
  key: id
  properties:
    - name: id
      type: String
      description: Key.
    - name: displayName
      type: String
      description: Name.
      create: true
    - name: size
      type: Int64
      description: Size.
      create: true
    - name: enabled
      type: Boolean
      description: Enabled.
      create: true
    - name: ratio
      type: Double
      description: Ratio.
    - name: tags
      type: String collection
      description: Tags.
      create: true
    - name: gadget
      type: gadget
      description: Documented elsewhere.
    - name: payload
      type: Binary
      description: Bytes.
    - name: releaseDate
      type: Date
      description: A date.
    - name: quietTime
      type: TimeOfDay
      description: A time.
    - name: period
      type: Duration
      description: A duration.
    - name: tenantId
      type: Guid
      description: A GUID.
    - name: level
      type: Byte
      description: A byte.
    - name: channels
      type: channel
      description: Flags.
  relationships:
    - name: parts
      type: part collection
      description: The parts.
",
    );
    endpoint(
        dir,
        "widget-list",
        "  name: List widgets\n  summary: List widgets.\n  method: GET\n  path: /widgets\n",
        "  response:\n    status: 200\n    type: widget\n    collection: true\n    description: A collection of widgets.\n",
    );
    endpoint(
        dir,
        "widget-get",
        "  name: Get widget\n  summary: Read a widget.\n  method: GET\n  path: /widgets/{widgetId}\n  path_parameters:\n    - name: widgetId\n  odata_query_parameters: true\n",
        "  response:\n    status: 200\n    type: widget\n    description: The widget.\n",
    );
    endpoint(
        dir,
        "widget-create",
        "  name: Create widget\n  summary: Create a widget.\n  method: POST\n  path: /widgets\n",
        "  request_body:\n    type: widget\n    description: The widget.\n  response:\n    status: 201\n    type: widget\n    description: The created widget.\n",
    );
    endpoint(
        dir,
        "widget-delete",
        "  name: Delete widget\n  summary: Delete a widget.\n  method: DELETE\n  path: /widgets/{widgetId}\n  path_parameters:\n    - name: widgetId\n",
        "  response:\n    status: 204\n    description: Nothing.\n  overrides:\n    rust_name: RemoveWidget\n",
    );
    endpoint(
        dir,
        "widget-reset",
        "  name: reset action\n  summary: Reset a widget.\n  method: POST\n  path: /widgets/{widgetId}/reset\n  path_parameters:\n    - name: widgetId\n",
        "  request_body:\n    description: The parameters.\n    parameters:\n      - name: keepData\n        type: Boolean\n        description: Keep data.\n      - name: reason\n        type: String\n        description: Why.\n  response:\n    status: 204\n    description: Nothing.\n",
    );
    endpoint(
        dir,
        "widget-secret",
        "  name: getSecret function\n  summary: Read a secret.\n  method: GET\n  path: /widgets/{widgetId}/getSecret\n  path_parameters:\n    - name: widgetId\n",
        "  request_body:\n    description: In the request URL, provide the following query parameters with values.\n    placement: url\n    parameters:\n      - name: secretId\n        type: String\n        description: The secret.\n      - name: version\n        type: Int32\n        description: The version.\n  response:\n    status: 200\n    type: String\n    description: The secret.\n",
    );
}

const TEST: &str = r##"
use operation_shapes::runtime::{AccessToken, NationalCloud, Operation, Page, QueryOptions, ValueOf};
use operation_shapes::{
    AnyPart, CreateWidget, GetSecretFunction, GetWidget, ListWidgets, RemoveWidget, ResetAction,
    ResetActionParameters, Widget, Channel,
};

fn token() -> AccessToken {
    AccessToken::new("t")
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn list_is_paged_and_takes_query_options() {
    let mut list = ListWidgets::new();
    list.query = QueryOptions::new().select(["id", "displayName"]).top(2).count(true);
    let request = list.to_http_request(NationalCloud::Global, &token()).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(request.uri(), "https://graph.microsoft.com/beta/widgets?$select=id,displayName&$top=2&$count=true");
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());

    let page: Page<Widget> = ListWidgets::parse_response(&response(200, r#"{
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#widgets",
        "@odata.count": 3,
        "@odata.nextLink": "https://graph.microsoft.com/beta/widgets?$top=2&$skiptoken=X'1'",
        "value": [{"id": "1", "size": 9007199254740993}, {"id": "2", "tags": ["a", "b"]}]
    }"#)).unwrap();
    assert_eq!(page.value.len(), 2);
    assert_eq!(page.value[0].size, Some(9_007_199_254_740_993));
    assert_eq!(page.count, Some(3));
    let next = page.next().expect("a next page");
    let request = next.to_http_request(NationalCloud::UsGovL4, &token()).unwrap();
    assert_eq!(request.uri(), "https://graph.microsoft.us/beta/widgets?$top=2&$skiptoken=X'1'");
    let last: Page<Widget> = operation_shapes::runtime::NextPage::<Widget>::parse_response(&response(200, r#"{"value": []}"#)).unwrap();
    assert!(last.next().is_none());
}

#[test]
fn get_takes_select_and_expand() {
    let mut get = GetWidget::new("w 1");
    get.query = QueryOptions::new().select(["displayName"]).expand(["parts"]);
    let request = get.to_http_request(NationalCloud::Global, &token()).unwrap();
    assert_eq!(request.uri(), "https://graph.microsoft.com/beta/widgets/w%201?$select=displayName&$expand=parts");
    let widget = GetWidget::parse_response(&response(200, r#"{"id": "w 1", "enabled": true, "ratio": 0.5}"#)).unwrap();
    assert_eq!(widget.enabled, Some(true));
}

#[test]
fn create_posts_the_entity_and_reads_201() {
    let mut widget = Widget::default();
    widget.display_name = Some("Gear".into());
    widget.tags = Some(vec!["x".into()]);
    let request = CreateWidget::new(widget).to_http_request(NationalCloud::Global, &token()).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.headers()["content-type"], "application/json");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent, serde_json::json!({"displayName": "Gear", "tags": ["x"]}));
    let created = CreateWidget::parse_response(&response(201, r#"{"id": "new"}"#)).unwrap();
    assert_eq!(created.id.as_deref(), Some("new"));
    assert!(CreateWidget::parse_response(&response(200, r#"{"id": "new"}"#)).is_err(), "201 is documented");
}

#[test]
fn delete_sends_no_body_and_reads_204() {
    let request = RemoveWidget::new("1").to_http_request(NationalCloud::Global, &token()).unwrap();
    assert_eq!(request.method(), http::Method::DELETE);
    assert!(request.body().is_empty());
    RemoveWidget::parse_response(&response(204, "")).unwrap();
    let error = RemoveWidget::parse_response(&response(404, r#"{"error": {"code": "NotFound", "message": "gone"}}"#)).unwrap_err();
    assert!(error.to_string().contains("NotFound: gone"), "{error}");
}

#[test]
fn an_action_sends_its_parameters() {
    let mut parameters = ResetActionParameters::default();
    parameters.keep_data = Some(false);
    let request = ResetAction::new("1", parameters).to_http_request(NationalCloud::Global, &token()).unwrap();
    assert_eq!(request.uri().path(), "/beta/widgets/1/reset");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent, serde_json::json!({"keepData": false}));
    ResetAction::parse_response(&response(204, "")).unwrap();
}

#[test]
fn a_function_takes_its_arguments_in_the_url() {
    let function = GetSecretFunction::new("w/1", "it's 1".to_owned(), 3);
    let request = function.to_http_request(NationalCloud::Global, &token()).unwrap();
    assert_eq!(request.uri().path(), "/beta/widgets/w%2F1/getSecret(secretId='it''s%201',version=3)");
    let secret: ValueOf<String> = GetSecretFunction::parse_response(&response(200, r#"{"value": "s3cr3t"}"#)).unwrap();
    assert_eq!(secret.into_inner(), "s3cr3t");
}

#[test]
fn relationships_complex_types_and_opaque_types_round_trip() {
    let json = serde_json::json!({
        "id": "1",
        "parts": [{"label": "a"}, {"@odata.type": "#microsoft.graph.bigPart", "label": "b", "weight": 2.5}],
        "gadget": {"anything": [1, {"goes": true}]}
    });
    let widget: Widget = serde_json::from_value(json.clone()).unwrap();
    let parts: Vec<AnyPart> = widget.parts.clone().unwrap();
    let AnyPart::Part(plain) = &parts[0] else { panic!("{:?}", parts[0]) };
    assert_eq!(plain.label.as_deref(), Some("a"));
    // The derived type is chosen by `@odata.type`.
    let AnyPart::BigPart(big) = &parts[1] else { panic!("{:?}", parts[1]) };
    assert_eq!(big.weight, Some(2.5));
    // A derived type this crate does not know is read as the base, losing nothing.
    let unknown: AnyPart = serde_json::from_value(serde_json::json!({"@odata.type": "microsoft.graph.tinyPart", "label": "c", "size": 1})).unwrap();
    let AnyPart::Part(base) = &unknown else { panic!("{unknown:?}") };
    assert_eq!(base.additional_properties["size"], serde_json::json!(1));
    assert_eq!(serde_json::to_value(&unknown).unwrap()["@odata.type"], "microsoft.graph.tinyPart");
    assert_eq!(widget.gadget, Some(serde_json::json!({"anything": [1, {"goes": true}]})));
    assert_eq!(serde_json::to_value(&widget).unwrap(), json);
}

#[test]
fn every_primitive_round_trips_exactly() {
    let json = serde_json::json!({
        "payload": "PD94bWwgdmVyc2lvbj0iMS4wIj8+",
        "releaseDate": "2024-02-29",
        "quietTime": "22:30:00.0000000",
        "period": "P1DT2H30M15.5S",
        "tenantId": "8c6d4f3e-0b1a-4c2d-9e8f-7a6b5c4d3e2f",
        "level": 255
    });
    let widget: Widget = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(widget.payload.as_ref().unwrap().as_bytes(), b"<?xml version=\"1.0\"?>");
    assert_eq!(widget.release_date.unwrap().to_date().ordinal(), 60);
    assert_eq!(widget.quiet_time.unwrap().to_time().hour(), 22);
    assert_eq!(widget.period.as_ref().unwrap().to_std(), Some(std::time::Duration::from_millis(95_415_500)));
    assert_eq!(widget.tenant_id.unwrap().to_string(), "8c6d4f3e-0b1a-4c2d-9e8f-7a6b5c4d3e2f");
    assert_eq!(widget.level, Some(255));
    assert_eq!(serde_json::to_value(&widget).unwrap(), json);

    for (field, bad) in [("payload", "not base64!"), ("releaseDate", "2024-02-30"), ("quietTime", "25:00:00"), ("period", "P1Y"), ("tenantId", "nope"), ("level", "256")] {
        let mut object = serde_json::Map::new();
        let value = if field == "level" { serde_json::json!(256) } else { serde_json::json!(bad) };
        object.insert(field.to_owned(), value);
        assert!(serde_json::from_value::<Widget>(serde_json::Value::Object(object)).is_err(), "{field}: {bad}");
    }
}

#[test]
fn flags_enums_combine_comma_joined() {
    let widget: Widget = serde_json::from_value(serde_json::json!({"channels": "lan,remoteAccess,satellite"})).unwrap();
    let channels = widget.channels.clone().unwrap();
    assert!(channels.contains(&Channel::Lan));
    assert!(channels.contains(&Channel::RemoteAccess));
    assert!(!channels.contains(&Channel::Wireless));
    assert!(matches!(channels.members()[2], Channel::Undocumented(_)));
    assert_eq!(serde_json::to_value(&widget).unwrap(), serde_json::json!({"channels": "lan,remoteAccess,satellite"}));
}

#[test]
fn the_documented_clouds_are_enforced() {
    let error = RemoveWidget::new("1").to_http_request(NationalCloud::China21Vianet, &token()).unwrap_err();
    assert!(error.to_string().contains("not available in China operated by 21Vianet"), "{error}");
}
"##;

#[test]
fn every_operation_shape_builds_its_request_and_reads_its_response() {
    let work = tempfile::tempdir().expect("tempdir");
    spec(work.path());
    msgraph_tests::build_and_test_generated(work.path(), TEST, &[]);
}
