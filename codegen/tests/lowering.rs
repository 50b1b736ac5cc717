//! Lowering a spec by value, dropping each endpoint once lowered (what `cargo xtask codegen`
//! does to bound its memory), builds what lowering it borrowed builds, and refuses what it
//! refuses with the same diagnostics.

use std::path::Path;

use msgraph_codegen::load::{Spec, parse_sources};
use msgraph_codegen::spec::unlocated;
use msgraph_codegen::{lowered, lowered_from, synth};

fn spec() -> Spec {
    parse_sources(Path::new("spec"), synth::synthesize(40, 3)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lowering_the_spec_by_value_builds_the_same_crate() {
    let borrowed = lowered(&spec()).unwrap_or_else(|e| panic!("{e}"));
    let consumed = lowered_from(spec()).unwrap_or_else(|e| panic!("{e}"));
    assert!(borrowed == consumed, "the two ways of lowering differ");
}

#[test]
fn a_bad_endpoint_is_reported_alike_whether_the_spec_is_borrowed_or_consumed() {
    let broken = || {
        let mut spec = spec();
        let last = spec.endpoints.last_mut().expect("the spec has endpoints");
        last.item.response.ty = Some(unlocated("noSuchType".to_owned()));
        spec
    };
    let borrowed = lowered(&broken()).expect_err("an unknown type is refused");
    let consumed = lowered_from(broken()).expect_err("an unknown type is refused");
    let message = consumed.to_string();
    assert!(message.contains("unknown type `noSuchType`"), "{message}");
    assert_eq!(borrowed.to_string(), message);
}
