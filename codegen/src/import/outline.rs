//! An API page's outline, mended where hand-written pages put the sections the readers look
//! for at another level.
//!
//! - A page that walks through several calls (`driveItem: createUploadSession`: `## Create an
//!   upload session` with its `### HTTP request`, `### Request body` …, then `## Upload bytes
//!   to the upload session`, `## Cancel the upload session`, … to other URLs) documents its
//!   first call: that step's sub-sections are read as the page's sections, and each later
//!   section showing only calls of another method or target is another step, left out with a
//!   note.
//! - A `### Response` or `### Example` heading under a section the template puts before them
//!   (`## Request body`, as delta pages have it) starts that section.

use std::borrow::Cow;

use super::api_page::REQUEST_SECTIONS;
use super::knowledge::clip;
use super::page::{Block, Page, Section};
use super::parsed::Notes;
use super::sections::{relative_path, request_line};

/// The page with its outline mended (see the module's documentation); the page itself when
/// it needs nothing.
pub fn mended<'p>(page: &'p Page, notes: &mut Notes) -> Cow<'p, Page> {
    let page = first_step(page, notes);
    match promoted(&page, notes) {
        Some(sections) => Cow::Owned(Page {
            sections,
            ..page.into_owned()
        }),
        None => page,
    }
}

/// The sections the template puts before `## Response` and `## Example`.
const BEFORE_RESPONSE: &[&str] = &[
    "Request body",
    "Request headers",
    "Query parameters",
    "Optional query parameters",
];

/// The page's sections with each `### Response` or `### Example(s)` heading of a section in
/// [`BEFORE_RESPONSE`] (and of the promoted sections themselves, but for an example's own
/// `Response`) made a section; `None` when there is none.
fn promoted(page: &Page, notes: &mut Notes) -> Option<Vec<Section>> {
    let promotes = |section: &Section, text: &str| {
        let is = |name: &str| text.eq_ignore_ascii_case(name);
        !section.is_named(&["Example", "Examples"])
            && (is("Example")
                || is("Examples")
                || (is("Response") && section.is_named(BEFORE_RESPONSE)))
    };
    let needs = page.sections.iter().any(|section| {
        section.level == 2
            && section.blocks.iter().any(|located| {
                matches!(&located.block, Block::Heading { level: 3, text } if promotes(section, text))
            })
    });
    if !needs {
        return None;
    }
    let mut sections: Vec<Section> = Vec::new();
    for section in &page.sections {
        let promote = |current: &Section, text: &str, line: usize| {
            let starts = section.level == 2 && promotes(current, text);
            if starts {
                notes.push((
                    line,
                    format!(
                        "`### {text}` under `## {}` read as the page's `## {text}` section",
                        current.heading
                    ),
                ));
            }
            starts
        };
        split_at_level_3(section, promote, &mut sections);
    }
    Some(sections)
}

/// Pushes `section` onto `sections`, split where `starts(current, heading, line)` says one of
/// its `###` headings starts a `##` section of its own.
fn split_at_level_3(
    section: &Section,
    mut starts: impl FnMut(&Section, &str, usize) -> bool,
    sections: &mut Vec<Section>,
) {
    let mut current = Section {
        heading: section.heading.clone(),
        level: section.level,
        line: section.line,
        blocks: Vec::new(),
    };
    for located in &section.blocks {
        match &located.block {
            Block::Heading { level: 3, text } if starts(&current, text, located.line) => {
                let next = Section {
                    heading: text.clone(),
                    level: 2,
                    line: located.line,
                    blocks: Vec::new(),
                };
                sections.push(std::mem::replace(&mut current, next));
            }
            _ => current.blocks.push(located.clone()),
        }
    }
    sections.push(current);
}

/// The page with its first step's sub-sections as sections, when its request lines are under
/// a `###` heading of a step rather than a `## HTTP request` section; else the page itself.
fn first_step<'p>(page: &'p Page, notes: &mut Notes) -> Cow<'p, Page> {
    if page.sections_named(REQUEST_SECTIONS).next().is_some() {
        return Cow::Borrowed(page);
    }
    let is_request_heading = |located: &super::page::Located| {
        matches!(&located.block, Block::Heading { level: 3, text }
            if REQUEST_SECTIONS.iter().any(|name| text.eq_ignore_ascii_case(name)))
    };
    let Some(index) = page
        .sections
        .iter()
        .position(|section| section.level == 2 && section.blocks.iter().any(is_request_heading))
    else {
        return Cow::Borrowed(page);
    };
    let step = &page.sections[index];
    let mut sections: Vec<Section> = page.sections[..index].to_vec();
    split_at_level_3(step, |_, _, _| true, &mut sections);
    notes.push((
        step.line,
        format!(
            "the request lines are under `## {}`, the first of the steps the page walks \
             through: its `###` sections read as the page's",
            step.heading
        ),
    ));
    let own: Vec<(String, String)> = sections
        .iter()
        .filter(|section| section.is_named(REQUEST_SECTIONS))
        .flat_map(calls)
        .collect();
    for later in &page.sections[index + 1..] {
        let shown = calls(later);
        let other =
            |(method, last): &(String, String)| !own.iter().any(|(m, l)| m == method && l == last);
        match shown.first() {
            Some((method, _)) if shown.iter().all(other) => notes.push((
                later.line,
                format!(
                    "`## {}` is another step ({method} {}), not this operation; left out",
                    later.heading,
                    clip(&first_target(later).unwrap_or_default())
                ),
            )),
            _ => sections.push(later.clone()),
        }
    }
    Cow::Owned(Page {
        sections,
        ..page.clone()
    })
}

/// The calls a section's code blocks show: each request line's method and last path segment.
fn calls(section: &Section) -> Vec<(String, String)> {
    section
        .blocks
        .iter()
        .filter_map(|located| match &located.block {
            Block::Code(code) => Some(&code.lines),
            _ => None,
        })
        .flatten()
        .filter_map(|line| {
            let (method, target) = request_line(line.trim())?;
            let path = relative_path(target);
            let path = path.split(['?', '#']).next().unwrap_or_default();
            let last = path.rsplit('/').next().unwrap_or_default();
            Some((method.to_owned(), last.to_owned()))
        })
        .collect()
}

/// The first request target a section shows, for a note.
fn first_target(section: &Section) -> Option<String> {
    section
        .blocks
        .iter()
        .find_map(|located| match &located.block {
            Block::Code(code) => code
                .lines
                .iter()
                .find_map(|line| request_line(line.trim()).map(|(_, target)| target.to_owned())),
            _ => None,
        })
}
