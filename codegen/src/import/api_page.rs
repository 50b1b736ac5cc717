//! An API page → an `endpoint`, whichever rendering it comes in: the sections are read in one
//! order and the endpoint is put together once; each rendering ([`ApiPage`]) says what its
//! sections hold.

use serde_saphyr::Spanned;

use crate::spec::{Endpoint, Example, Header, Page, Permissions, RequestBody, Response, unlocated};
use crate::vocabulary::{HttpMethod, NationalCloud};

use super::markdown::PageError;
use super::parsed::{Notes, Parsed};
use super::sections::placeholders;

/// What the sections of an API page say, read from one rendering of it.
pub trait ApiPage {
    /// The title and its 1-based line.
    fn title(&self) -> Result<(usize, String), PageError>;
    /// The intro's paragraphs; a missing one is noted at `title_line`.
    fn summary(&self, title_line: usize, notes: &mut Notes) -> String;
    /// The national clouds, when the page says which.
    fn national_clouds(&self, notes: &mut Notes) -> Option<Vec<Spanned<NationalCloud>>>;
    /// The HTTP request section: the first line's method and path, the other lines' paths.
    fn request_lines(
        &self,
        notes: &mut Notes,
    ) -> Result<(HttpMethod, String, Vec<String>), PageError>;
    /// Whether the page says the method supports the OData query parameters.
    fn odata_query_parameters(&self) -> bool;
    /// The Request headers table.
    fn headers(&self, notes: &mut Notes) -> Vec<Header>;
    /// The Permissions table.
    fn permissions(&self, notes: &mut Notes) -> Permissions;
    /// The Request body section, and for create/update pages the body type and the property
    /// names of its table.
    fn request_body(
        &self,
        notes: &mut Notes,
    ) -> (Option<RequestBody>, Option<(String, Vec<String>)>);
    /// The Response section.
    fn response(&self, notes: &mut Notes) -> Result<Response, PageError>;
    /// The examples; `paths` are the request lines' paths, to check the examples' URLs.
    fn examples(
        &self,
        method: HttpMethod,
        paths: &[&str],
        response: &Response,
        notes: &mut Notes,
    ) -> Vec<Example>;
}

/// Reads an API page into its `endpoint` and what placing it needs. `source` is the page's
/// path below the documentation root.
pub fn read(
    api: &impl ApiPage,
    page: Page,
    source: &str,
    notes: &mut Notes,
) -> Result<Parsed, PageError> {
    let (title_line, name) = api.title()?;
    let summary = api.summary(title_line, notes);
    let national_clouds = api.national_clouds(notes);
    let (method, path, additional_paths) = api.request_lines(notes)?;
    let path_parameters = placeholders(&path, notes);
    let odata_query_parameters = api.odata_query_parameters();
    let headers = api.headers(notes);
    let permissions = api.permissions(notes);
    let (request_body, body_properties) = api.request_body(notes);
    let response = api.response(notes)?;
    let paths: Vec<&str> = std::iter::once(path.as_str())
        .chain(additional_paths.iter().map(String::as_str))
        .collect();
    let examples = api.examples(method, &paths, &response, notes);

    let clouds_unstated = national_clouds.is_none();
    let endpoint = Endpoint {
        name: unlocated(name),
        summary,
        page,
        method: unlocated(method),
        path: unlocated(path),
        additional_paths,
        odata_query_parameters,
        path_parameters,
        headers,
        permissions,
        national_clouds,
        request_body,
        response,
        examples,
        overrides: Default::default(),
    };
    Ok(Parsed::endpoint(
        endpoint,
        body_properties,
        source,
        clouds_unstated,
    ))
}
