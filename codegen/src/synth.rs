//! Synthetic specs at Graph scale, for benchmarks: [`synthesize`] invents `resources` Intune-like
//! resource families from a seed, in the spec format of `spec/README.md`, and [`write`](fn@write) puts them
//! on disk.
//!
//! Each resource is a folder holding what a documentation family holds:
//!
//! - an **entity** of 8–16 properties (`id` first, its key), with types drawn from the mix the
//!   Intune documentation shows (see [`TYPE_MIX`]); about one in five derives from an earlier
//!   resource's entity (`base_type`) and repeats its properties first, as pages do;
//! - an **enum** of 2–8 members, some ending in `unknownFutureValue`, some with negative values,
//!   a few marked `flags`;
//! - a **complex type**, 3–8 properties, some derived from an earlier resource's complex type;
//! - five **endpoints**: List, Get, Create, Update and Delete, each with one request/response
//!   example whose JSON matches the types.
//!
//! Names are Graph-like (`deviceComplianceWidget42`, `lastModifiedDateTime`), with a few hard
//! ones sprinkled in (`type`, `match`, `v10_0`, enum members `in`, `box`, `self`), and never
//! collide once converted to Rust names. Complex types reference only complex types without
//! complex-valued properties of their own, so the generated types have no cycles and example
//! bodies stay small.
//!
//! The output depends only on `(resources, seed)`: the generator carries its own PRNG
//! (splitmix64) and never iterates a hash map. Resources are drawn one after the other, so a
//! larger spec of the same seed holds the smaller one's resource files byte for byte (only
//! `api.yaml`, which states the size, differs): benchmarks at several scales compare like with
//! like.
//!
//! ```
//! use std::path::Path;
//! use msgraph_codegen::{build, load::parse_sources, synth::synthesize};
//!
//! let spec = parse_sources(Path::new("spec"), synthesize(3, 42))?;
//! let files = build(&spec)?;
//! assert!(files.iter().any(|f| f.path.ends_with("lib.rs")));
//! # Ok::<(), msgraph_codegen::diagnostic::Diagnostics>(())
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::load::Source;
use crate::naming;
use crate::primitive::Primitive;
use crate::spec::{self, NoteKind, SpecFile, unlocated};
use crate::vocabulary::{BodyContent, HttpMethod, NationalCloud, SuccessStatus};

/// The root every synthesized [`Source`] path starts with.
pub const ROOT: &str = "spec";

/// Files the generator writes per resource: its `mod.rs` in each crate, the entity, the enum,
/// the complex type, the entity's `PATCH` body and the five operations. A type other types
/// derive from adds one more (the enum over it and its derived types).
pub const FILES_PER_RESOURCE: usize = 11;

/// The property type mix, per 200 properties, from the survey of the Intune documentation
/// (`String` 33 %, `Boolean` 18 %, `Int32` 11 %, `DateTimeOffset` 8 %, collections 4 %, enums
/// 12 %, complex types 6 %, the rarer primitives 8 %). Types are dealt from shuffled decks of
/// exactly this mix, so the proportions hold closely even for a few resources.
pub const TYPE_MIX: &[(Token, usize)] = &[
    (Token::Primitive(Primitive::String), 66),
    (Token::Primitive(Primitive::Boolean), 36),
    (Token::Primitive(Primitive::Int32), 22),
    (Token::Primitive(Primitive::DateTimeOffset), 16),
    (Token::StringCollection, 4),
    (Token::EnumCollection, 2),
    (Token::ComplexCollection, 2),
    (Token::Enum, 24),
    (Token::Complex, 12),
    (Token::Primitive(Primitive::Int64), 4),
    (Token::Primitive(Primitive::Double), 2),
    (Token::Primitive(Primitive::Guid), 2),
    (Token::Primitive(Primitive::Binary), 2),
    (Token::Primitive(Primitive::Duration), 2),
    (Token::Primitive(Primitive::TimeOfDay), 2),
    (Token::Primitive(Primitive::Date), 1),
    (Token::Primitive(Primitive::Single), 1),
];

/// Synthesizes a spec of `resources` resource families, in memory: `spec/api.yaml` and, per
/// resource, `spec/<entity name>/<page>.yaml` files, sorted by path as [`crate::load::load`]
/// would read them. The same `(resources, seed)` always gives the same bytes.
pub fn synthesize(resources: usize, seed: u64) -> Vec<Source> {
    let mut synth = Synth::new(seed);
    for index in 0..resources {
        synth.resource(index);
    }
    let mut sources = vec![Source {
        file: Path::new(ROOT).join("api.yaml"),
        bytes: api_yaml(resources, seed),
    }];
    for index in 0..resources {
        sources.extend(synth.render(index));
    }
    sources.sort_by(|a, b| a.file.cmp(&b.file));
    sources
}

/// Writes `sources` below `dir`, each path's leading `spec/` replaced by `dir`; folders are
/// created as needed and existing files overwritten.
pub fn write(dir: &Path, sources: &[Source]) -> std::io::Result<()> {
    for source in sources {
        let relative = source.file.strip_prefix(ROOT).map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("`{}` is not below `{ROOT}/`", source.file.display()),
            )
        })?;
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &source.bytes)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// splitmix64: tiny, fast, and good enough to vary names and types.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times out of a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// A documentation area: page prefix, permission scope and API root.
struct Area {
    page: &'static str,
    scope: &'static str,
    root: &'static str,
}

const AREAS: &[Area] = &[
    Area {
        page: "deviceconfig",
        scope: "DeviceManagementConfiguration",
        root: "deviceManagement",
    },
    Area {
        page: "devices",
        scope: "DeviceManagementManagedDevices",
        root: "deviceManagement",
    },
    Area {
        page: "apps",
        scope: "DeviceManagementApps",
        root: "deviceAppManagement",
    },
    Area {
        page: "onboarding",
        scope: "DeviceManagementServiceConfig",
        root: "deviceManagement",
    },
    Area {
        page: "rbac",
        scope: "DeviceManagementRBAC",
        root: "deviceManagement",
    },
    Area {
        page: "enrollment",
        scope: "DeviceManagementServiceConfig",
        root: "deviceManagement",
    },
    Area {
        page: "mam",
        scope: "DeviceManagementApps",
        root: "deviceAppManagement",
    },
];

const TYPE_PREFIXES: &[&str] = &[
    "device",
    "deviceCompliance",
    "deviceConfiguration",
    "deviceEnrollment",
    "managedDevice",
    "managedApp",
    "mobileApp",
    "windows",
    "windowsAutopilot",
    "windowsUpdate",
    "ios",
    "macOS",
    "android",
    "androidForWork",
    "vpp",
    "termsAndConditions",
    "roleScope",
    "deviceManagement",
    "cloudPc",
    "officeClient",
    "intune",
    "groupPolicy",
];

const ENTITY_NOUNS: &[&str] = &[
    "Widget",
    "Policy",
    "Profile",
    "Assignment",
    "Report",
    "Summary",
    "Token",
    "Certificate",
    "Template",
    "Script",
    "Configuration",
    "Account",
    "Connector",
    "Partner",
    "Intent",
    "Deployment",
    "Task",
    "Agreement",
    "Snapshot",
    "DeviceState",
];

const COMPLEX_NOUNS: &[&str] = &[
    "Settings",
    "Rule",
    "Info",
    "Details",
    "Range",
    "Entry",
    "Options",
    "Schedule",
    "Location",
    "Criteria",
    "Mapping",
    "Parameter",
];

const ENUM_NOUNS: &[&str] = &[
    "State",
    "Status",
    "Type",
    "Mode",
    "Level",
    "Kind",
    "Action",
    "Behavior",
    "Frequency",
    "Platform",
    "Result",
];

/// Words properties are made of: `{n}Enabled`, `allow{N}`, …
const NOUNS: &[&str] = &[
    "device",
    "user",
    "app",
    "certificate",
    "enrollment",
    "update",
    "compliance",
    "password",
    "network",
    "firewall",
    "defender",
    "bitLocker",
    "storage",
    "notification",
    "camera",
    "bluetooth",
    "wifi",
    "vpn",
    "kiosk",
    "browser",
    "encryption",
    "scan",
    "sync",
    "license",
    "owner",
    "group",
    "security",
    "account",
    "edge",
    "cloud",
    "report",
    "policy",
    "assignment",
    "profile",
    "role",
    "tenant",
    "partner",
    "token",
    "script",
    "package",
    "publisher",
    "health",
    "signIn",
    "session",
    "audit",
    "malware",
    "threat",
    "location",
    "email",
    "phone",
    "scope",
    "template",
    "grace",
    "retry",
    "backup",
    "install",
    "remediation",
    "detection",
    "feature",
    "driver",
    "firmware",
    "battery",
    "display",
    "printer",
    "proxy",
    "domain",
    "identity",
    "credential",
    "secret",
    "manifest",
    "bundle",
    "build",
    "release",
    "channel",
    "deferral",
];

const ENUM_MEMBERS: &[&str] = &[
    "none",
    "notConfigured",
    "enabled",
    "disabled",
    "pending",
    "issued",
    "failed",
    "succeeded",
    "blocked",
    "allowed",
    "unknown",
    "userDefined",
    "warning",
    "error",
    "compliant",
    "nonCompliant",
    "inGracePeriod",
    "conflict",
    "notApplicable",
    "remediated",
    "default",
    "required",
    "optional",
    "low",
    "medium",
    "high",
    "critical",
    "daily",
    "weekly",
    "monthly",
    "automatic",
    "manual",
    "prompt",
    "silent",
    "audit",
    "enforce",
    "active",
    "inactive",
    "expired",
    "revoked",
    "deferred",
    "paused",
];

/// Members that are Rust keywords or prelude names once converted.
const HARD_MEMBERS: &[&str] = &["in", "box", "match", "self", "type", "Option", "Some"];

const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

/// Property names per type: templates over [`NOUNS`] (`{n}`, or `{N}` capitalized) and
/// fixed names seen on many pages.
fn name_templates(token: Token) -> (&'static [&'static str], &'static [&'static str]) {
    match token {
        Token::Primitive(Primitive::String) => (
            &[
                "{n}Name",
                "{n}Id",
                "{n}Description",
                "{n}Url",
                "{n}Identifier",
                "{n}DisplayName",
                "{n}Value",
                "{n}Path",
                "{n}Version",
            ],
            &[
                "displayName",
                "description",
                "userPrincipalName",
                "serialNumber",
                "manufacturer",
                "model",
                "osVersion",
                "emailAddress",
                "publisher",
                "version",
                "tenantId",
                "deviceName",
                "azureAdDeviceId",
                "notes",
            ],
        ),
        Token::Primitive(Primitive::Boolean) => (
            &[
                "is{N}Enabled",
                "{n}Enabled",
                "{n}Blocked",
                "{n}Required",
                "allow{N}",
                "block{N}",
                "{n}Allowed",
                "is{N}Managed",
                "{n}Disabled",
            ],
            &[
                "isAssigned",
                "enabled",
                "isBuiltIn",
                "isDefault",
                "isRemovable",
            ],
        ),
        Token::Primitive(Primitive::Int32) => (
            &[
                "{n}Count",
                "{n}InDays",
                "{n}InMinutes",
                "{n}Priority",
                "{n}Limit",
                "{n}Threshold",
            ],
            &["priority", "displayOrder", "versionNumber"],
        ),
        Token::Primitive(Primitive::Int64) => (
            &["{n}SizeInBytes", "{n}InBytes", "total{N}Bytes"],
            &["sizeInBytes"],
        ),
        Token::Primitive(Primitive::Double) => (&["{n}Percentage", "{n}Score", "{n}Ratio"], &[]),
        Token::Primitive(Primitive::Single) => (&["{n}Weight", "{n}Factor"], &[]),
        Token::Primitive(Primitive::DateTimeOffset) => (
            &[
                "{n}DateTime",
                "last{N}DateTime",
                "{n}ExpirationDateTime",
                "{n}StartDateTime",
            ],
            &[
                "createdDateTime",
                "lastModifiedDateTime",
                "lastSyncDateTime",
                "enrolledDateTime",
            ],
        ),
        Token::Primitive(Primitive::Guid) => (&["{n}Guid", "{n}ObjectId", "{n}AppId"], &[]),
        Token::Primitive(Primitive::Binary) => (&["{n}Content", "{n}Data", "{n}Blob"], &[]),
        Token::Primitive(Primitive::Duration) => (
            &["{n}Interval", "{n}Timeout", "{n}Period", "{n}Duration"],
            &[],
        ),
        Token::Primitive(Primitive::TimeOfDay) => {
            (&["{n}StartTime", "{n}EndTime", "{n}TimeOfDay"], &[])
        }
        Token::Primitive(Primitive::Date) => (&["{n}Date", "{n}ExpirationDate"], &[]),
        Token::StringCollection => (
            &["{n}Ids", "{n}Names", "{n}Tags", "{n}Urls", "{n}List"],
            &["roleScopeTagIds"],
        ),
        Token::Enum => (
            &["{n}State", "{n}Status", "{n}Type", "{n}Mode", "{n}Behavior"],
            &["state", "status"],
        ),
        Token::EnumCollection => (&["{n}Types", "allowed{N}Types", "{n}States"], &[]),
        Token::Complex => (
            &["{n}Settings", "{n}Info", "{n}Details", "{n}Configuration"],
            &[],
        ),
        Token::ComplexCollection => (
            &["{n}Rules", "{n}Entries", "{n}Items", "{n}Exceptions"],
            &[],
        ),
        Token::Primitive(_) => (&["{n}Value"], &[]),
    }
}

// ---------------------------------------------------------------------------------------------
// The plan: what each resource holds, before it is written as YAML

/// A kind of property type, as [`TYPE_MIX`] counts them and the deck deals them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A primitive.
    Primitive(Primitive),
    /// `String collection`.
    StringCollection,
    /// An enum of this or an earlier resource.
    Enum,
    /// A collection of such an enum.
    EnumCollection,
    /// A complex type of this or an earlier resource.
    Complex,
    /// A collection of such a complex type.
    ComplexCollection,
}

impl Token {
    fn is_complex(self) -> bool {
        matches!(self, Self::Complex | Self::ComplexCollection)
    }
}

/// Shuffled decks of [`TYPE_MIX`]: a property takes the last token it accepts; the tokens it
/// skips stay for later properties, so the mix holds overall.
#[derive(Default)]
struct Deck(Vec<Token>);

impl Deck {
    /// `accept` must accept `String`, so a fresh deck always has a token for it.
    fn draw(&mut self, rng: &mut Rng, accept: impl Fn(Token) -> bool) -> Token {
        loop {
            if let Some(at) = self.0.iter().rposition(|token| accept(*token)) {
                return self.0.remove(at);
            }
            let mut deck: Vec<Token> = TYPE_MIX
                .iter()
                .flat_map(|(token, count)| std::iter::repeat_n(*token, *count))
                .collect();
            rng.shuffle(&mut deck);
            // Tokens skipped so far go on top: they are dealt first.
            deck.append(&mut self.0);
            self.0 = deck;
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Ty {
    Primitive(Primitive),
    /// The enum of resource `n`.
    Enum(usize),
    /// The complex type of resource `n`.
    Complex(usize),
}

#[derive(Debug, Clone)]
struct Property {
    name: String,
    ty: Ty,
    collection: bool,
    description: String,
    create: bool,
}

struct Enumeration {
    name: String,
    description: String,
    /// `(name, value, description)`.
    members: Vec<(String, i64, String)>,
    flags: bool,
}

struct Type {
    name: String,
    description: String,
    base: Option<usize>,
    properties: Vec<Property>,
}

impl Type {
    /// Whether a property holds a complex type.
    fn has_complex(&self) -> bool {
        self.properties
            .iter()
            .any(|p| matches!(p.ty, Ty::Complex(_)))
    }
}

struct Resource {
    area: &'static Area,
    /// The folder, also the entity's name.
    folder: String,
    enumeration: Enumeration,
    complex: Type,
    entity: Type,
    /// An important note on the entity page, now and then.
    important: Option<String>,
}

struct Synth {
    seed: u64,
    rng: Rng,
    deck: Deck,
    /// Every Rust type name, module name and lower-cased page name taken so far.
    taken: BTreeSet<String>,
    resources: Vec<Resource>,
}

/// Reserved field names of every generated model.
const RESERVED_FIELDS: &[&str] = &["odata_type", "additional_properties"];

impl Synth {
    fn new(seed: u64) -> Self {
        Self {
            rng: Rng(seed),
            deck: Deck::default(),
            // The runtime module sits next to the resource modules.
            taken: ["resource runtime".to_owned()].into_iter().collect(),
            seed,
            resources: Vec::new(),
        }
    }

    /// Claims every name a documented type name leads to; false (nothing claimed) if one is
    /// taken.
    fn claim(&mut self, documented: &[String], operations: &[String]) -> bool {
        let mut keys = Vec::new();
        for name in documented {
            let rust = naming::type_name(name);
            keys.push(format!("module {}", naming::plain_name(&rust)));
            keys.push(format!("page {}", name.to_lowercase()));
            for derived in ["Patch", "Any"] {
                let derived = if derived == "Any" {
                    format!("Any{rust}")
                } else {
                    naming::type_name(&format!("{name}{derived}"))
                };
                keys.push(format!("module {}", naming::plain_name(&derived)));
                keys.push(format!("type {derived}"));
            }
            keys.push(format!("type {rust}"));
        }
        for operation in operations {
            let rust = naming::type_name(operation);
            keys.push(format!("module {}", naming::plain_name(&rust)));
            keys.push(format!("type {rust}"));
        }
        let unique: BTreeSet<&String> = keys.iter().collect();
        if unique.len() != keys.len() || keys.iter().any(|key| self.taken.contains(key)) {
            return false;
        }
        self.taken.extend(keys);
        true
    }

    fn resource(&mut self, index: usize) {
        let area = self.rng.pick(AREAS);
        let (entity, complex, enumeration) = self.type_names(index);
        let enumeration = self.enumeration(enumeration);
        self.resources.push(Resource {
            area,
            folder: entity.clone(),
            enumeration,
            complex: Type {
                name: complex,
                description: String::new(),
                base: None,
                properties: Vec::new(),
            },
            entity: Type {
                name: entity,
                description: String::new(),
                base: None,
                properties: Vec::new(),
            },
            important: None,
        });
        self.complex_type(index);
        self.entity(index);
    }

    /// Names of the entity, complex type and enum of resource `index`, all claimed.
    fn type_names(&mut self, index: usize) -> (String, String, String) {
        let mut attempt = 0usize;
        loop {
            // The index keeps names unique; a retry (never needed so far) adds a letter.
            let tag = if attempt == 0 {
                index.to_string()
            } else {
                format!("{index}X{attempt}")
            };
            attempt += 1;
            let entity = format!(
                "{}{}{tag}",
                self.rng.pick(TYPE_PREFIXES),
                self.rng.pick(ENTITY_NOUNS)
            );
            let complex = format!(
                "{}{}{tag}",
                self.rng.pick(TYPE_PREFIXES),
                self.rng.pick(COMPLEX_NOUNS)
            );
            let enumeration = format!(
                "{}{}{tag}",
                self.rng.pick(TYPE_PREFIXES),
                self.rng.pick(ENUM_NOUNS)
            );
            let operations = [
                format!("List {entity}s"),
                format!("Get {entity}"),
                format!("Create {entity}"),
                format!("Update {entity}"),
                format!("Delete {entity}"),
            ];
            // Resource modules sit side by side in the crate root.
            let resource_module = format!("resource {}", naming::plain_name(&entity));
            if self.taken.contains(&resource_module) {
                continue;
            }
            if self.claim(
                &[entity.clone(), complex.clone(), enumeration.clone()],
                &operations,
            ) {
                self.taken.insert(resource_module);
                return (entity, complex, enumeration);
            }
        }
    }

    fn enumeration(&mut self, name: String) -> Enumeration {
        let flags = self.rng.chance(5);
        let future = !flags && self.rng.chance(35);
        let count = self.rng.between(2, 8);
        let mut variants: BTreeSet<String> = ["Undocumented".to_owned()].into_iter().collect();
        if future {
            variants.insert(naming::variant_name(UNKNOWN_FUTURE_VALUE));
        }
        let mut names = Vec::new();
        let documented = count - usize::from(future);
        while names.len() < documented {
            let candidate = if self.rng.chance(8) {
                self.rng.pick(HARD_MEMBERS)
            } else {
                self.rng.pick(ENUM_MEMBERS)
            };
            if variants.insert(naming::variant_name(candidate)) {
                names.push((*candidate).to_owned());
            }
        }
        let start: i64 = if !flags && self.rng.chance(10) { -1 } else { 0 };
        let mut members: Vec<(String, i64, String)> = names
            .into_iter()
            .enumerate()
            .map(|(position, member)| {
                let value = if flags {
                    1i64 << position
                } else {
                    start + position as i64
                };
                let description = if self.rng.chance(20) {
                    String::new()
                } else {
                    format!("{}.", sentence(&member))
                };
                (member, value, description)
            })
            .collect();
        if future {
            let value = start + members.len() as i64;
            members.push((
                UNKNOWN_FUTURE_VALUE.to_owned(),
                value,
                "Evolvable enumeration sentinel value. Do not use.".to_owned(),
            ));
        }
        let description = format!("{}.", sentence(&name));
        Enumeration {
            name,
            description,
            members,
            flags,
        }
    }

    /// Deals a property type for the type of resource `owner`; with `enum_only`, an enum.
    fn property_type(
        &mut self,
        owner: usize,
        (in_complex, allow_complex, enum_only): (bool, bool, bool),
        own_enum_used: &mut bool,
        own_complex_used: &mut bool,
    ) -> (Token, Ty, bool) {
        // Complex types may hold only complex types with no complex-valued properties, so
        // generated types never nest deeper than entity → complex → complex.
        let leaves: Vec<usize> = if in_complex && allow_complex {
            (0..owner)
                .filter(|&i| !self.resources[i].complex.has_complex())
                .collect()
        } else {
            Vec::new()
        };
        let complex_ok = allow_complex && (!in_complex || !leaves.is_empty());
        let token = self.deck.draw(&mut self.rng, |token| {
            if enum_only {
                token == Token::Enum
            } else {
                complex_ok || !token.is_complex()
            }
        });
        let (ty, collection) = match token {
            Token::Primitive(primitive) => (Ty::Primitive(primitive), false),
            Token::StringCollection => (Ty::Primitive(Primitive::String), true),
            Token::Enum | Token::EnumCollection => {
                let target = if *own_enum_used {
                    self.rng.below(owner + 1)
                } else {
                    *own_enum_used = true;
                    owner
                };
                (Ty::Enum(target), token == Token::EnumCollection)
            }
            Token::Complex | Token::ComplexCollection => {
                let target = if in_complex {
                    *self.rng.pick(&leaves)
                } else if *own_complex_used {
                    self.rng.below(owner + 1)
                } else {
                    *own_complex_used = true;
                    owner
                };
                (Ty::Complex(target), token == Token::ComplexCollection)
            }
        };
        (token, ty, collection)
    }

    /// A property name for `token`, unique in `used` once converted to a Rust field name.
    fn property_name(&mut self, token: Token, used: &mut BTreeSet<String>) -> String {
        let mut attempt = 0usize;
        loop {
            let mut candidate = self.name_candidate(token);
            // Past a few tries, a number makes the name unique.
            if attempt >= 20 {
                candidate = format!("{candidate}{attempt}");
            }
            attempt += 1;
            let field = naming::field_name(&candidate);
            if !RESERVED_FIELDS.contains(&field.as_str()) && used.insert(field) {
                return candidate;
            }
        }
    }

    fn name_candidate(&mut self, token: Token) -> String {
        let hard: &[&str] = match token {
            Token::Primitive(Primitive::String) => &["type", "type", "match"],
            Token::Primitive(Primitive::Boolean) => &["v10_0", "v10_2H20", "v8_1"],
            _ => &[],
        };
        if !hard.is_empty() && self.rng.chance(3) {
            return (*self.rng.pick(hard)).to_owned();
        }
        let (templates, fixed) = name_templates(token);
        if !fixed.is_empty() && self.rng.chance(30) {
            return (*self.rng.pick(fixed)).to_owned();
        }
        let mut noun = (*self.rng.pick(NOUNS)).to_owned();
        if self.rng.chance(30) {
            let second = *self.rng.pick(NOUNS);
            noun.push_str(&capitalized(second));
        }
        self.rng
            .pick(templates)
            .replace("{n}", &noun)
            .replace("{N}", &capitalized(&noun))
    }

    fn property(&mut self, owner: usize, name: String, ty: Ty, collection: bool) -> Property {
        let words = sentence(&name).to_lowercase();
        let of = words_of(&self.resources[owner].entity.name);
        let mut description = match ty {
            Ty::Enum(e) => {
                let members: Vec<String> = self.resources[e]
                    .enumeration
                    .members
                    .iter()
                    .map(|(name, _, _)| format!("`{name}`"))
                    .collect();
                format!(
                    "The {words} of the {of}. Possible values are: {}.",
                    members.join(", ")
                )
            }
            Ty::Complex(c) if self.rng.chance(50) => {
                let target = &self.resources[c];
                format!(
                    "The {words}; see {}.",
                    link(target.area.page, &target.complex.name)
                )
            }
            _ => format!("The {words} of the {of}."),
        };
        if self.rng.chance(3) {
            description.clear();
        } else if self.rng.chance(3) {
            description.push_str(" Values < 0 and `<token>` placeholders are [not] allowed.");
        }
        // Read-only timestamps are not in the create table, as on the pages.
        let create =
            !(matches!(ty, Ty::Primitive(Primitive::DateTimeOffset)) && self.rng.chance(50));
        Property {
            name,
            ty,
            collection,
            description,
            create,
        }
    }

    fn complex_type(&mut self, index: usize) {
        // The entity references the resource's enum; complex types any enum so far.
        let mut own_enum_used = true;
        let mut own_complex_used = true;
        // A derived complex type holds no complex types, and derives only from a type without
        // them: the enum over a base and its derived types then never nests.
        let bases: Vec<usize> = (0..index)
            .filter(|&i| {
                let complex = &self.resources[i].complex;
                complex.base.is_none() && !complex.has_complex() && complex.properties.len() <= 6
            })
            .collect();
        let base = (!bases.is_empty() && self.rng.chance(20)).then(|| *self.rng.pick(&bases));
        let (mut properties, own) = match base {
            Some(base) => (
                self.resources[base].complex.properties.clone(),
                self.rng.between(1, 3),
            ),
            None => (Vec::new(), self.rng.between(3, 8)),
        };
        let mut used: BTreeSet<String> = properties
            .iter()
            .map(|p| naming::field_name(&p.name))
            .collect();
        for _ in 0..own {
            let (token, ty, collection) = self.property_type(
                index,
                (true, base.is_none(), false),
                &mut own_enum_used,
                &mut own_complex_used,
            );
            let name = self.property_name(token, &mut used);
            let mut property = self.property(index, name, ty, collection);
            property.create = false;
            properties.push(property);
        }
        let resource = &self.resources[index];
        let description = match base {
            Some(base) => format!(
                "{}, a kind of {}.",
                sentence(&resource.complex.name),
                link(
                    self.resources[base].area.page,
                    &self.resources[base].complex.name
                )
            ),
            None => format!(
                "{} of a {}.",
                sentence(&resource.complex.name),
                link(resource.area.page, &resource.entity.name)
            ),
        };
        let complex = &mut self.resources[index].complex;
        complex.base = base;
        complex.properties = properties;
        complex.description = description;
    }

    fn entity(&mut self, index: usize) {
        let count = self.rng.between(8, 16);
        let bases: Vec<usize> = (0..index)
            .filter(|&i| {
                let entity = &self.resources[i].entity;
                entity.base.is_none() && entity.properties.len() + 2 <= count
            })
            .collect();
        let base = (!bases.is_empty() && self.rng.chance(20)).then(|| *self.rng.pick(&bases));
        let mut properties = match base {
            Some(base) => self.resources[base].entity.properties.clone(),
            None => Vec::new(),
        };
        let mut used: BTreeSet<String> = properties
            .iter()
            .map(|p| naming::field_name(&p.name))
            .collect();
        if base.is_none() {
            // The key takes a `String` from the deck like any other property.
            self.deck.draw(&mut self.rng, |token| {
                token == Token::Primitive(Primitive::String)
            });
            used.insert("id".to_owned());
            properties.push(Property {
                name: "id".to_owned(),
                ty: Ty::Primitive(Primitive::String),
                collection: false,
                description: "Key of the entity.".to_owned(),
                create: true,
            });
        }
        let mut own_enum_used = false;
        let mut own_complex_used = false;
        // One own property, somewhere in the table, holds the resource's enum: its token is
        // dealt from the deck like any other, so the mix holds.
        let enum_at = self.rng.between(properties.len(), count - 1);
        while properties.len() < count {
            let enum_only = properties.len() == enum_at && !own_enum_used;
            let (token, ty, collection) = self.property_type(
                index,
                (false, true, enum_only),
                &mut own_enum_used,
                &mut own_complex_used,
            );
            let name = self.property_name(token, &mut used);
            properties.push(self.property(index, name, ty, collection));
        }
        let resource = &self.resources[index];
        let mut description = if self.rng.chance(10) {
            "Not yet documented".to_owned()
        } else {
            let words = words_of(&resource.entity.name);
            format!(
                "Represents {} {words} in Intune, with its {}.",
                article(&words),
                link(resource.area.page, &resource.complex.name)
            )
        };
        if let Some(base) = base {
            description.push_str(&format!(
                " Inherits from {}.",
                link(
                    self.resources[base].area.page,
                    &self.resources[base].entity.name
                )
            ));
        }
        let important = self.rng.chance(5).then(|| {
            "This resource is in preview; its properties may change without notice.".to_owned()
        });
        let resource = &mut self.resources[index];
        resource.entity.base = base;
        resource.entity.properties = properties;
        resource.entity.description = description;
        resource.important = important;
    }
}

// ---------------------------------------------------------------------------------------------
// Example values

/// A JSON value in page order, printed as the documentation prints it.
#[derive(Clone)]
enum Json {
    Str(String),
    /// A number or boolean, as written.
    Raw(String),
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
}

impl Json {
    fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let pad = |out: &mut String, depth: usize| out.extend(std::iter::repeat_n("  ", depth));
        match self {
            Json::Str(text) => out.push_str(&json_string(text)),
            Json::Raw(text) => out.push_str(text),
            Json::Object(entries) if entries.is_empty() => out.push_str("{}"),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(entries) => {
                out.push_str("{\n");
                for (position, (key, value)) in entries.iter().enumerate() {
                    pad(out, depth + 1);
                    out.push_str(&json_string(key));
                    out.push_str(": ");
                    value.write(out, depth + 1);
                    if position + 1 < entries.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                pad(out, depth);
                out.push('}');
            }
            Json::Array(items) => {
                out.push_str("[\n");
                for (position, item) in items.iter().enumerate() {
                    pad(out, depth + 1);
                    item.write(out, depth + 1);
                    if position + 1 < items.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                pad(out, depth);
                out.push(']');
            }
        }
    }
}

fn guid(rng: &mut Rng) -> String {
    let (high, low) = (rng.next(), rng.next());
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

impl Synth {
    fn value(&mut self, property: &Property) -> Json {
        if property.collection {
            let count = if self.rng.chance(20) { 2 } else { 1 };
            Json::Array(
                (0..count)
                    .map(|_| self.scalar(&property.name, property.ty))
                    .collect(),
            )
        } else {
            self.scalar(&property.name, property.ty)
        }
    }

    fn scalar(&mut self, name: &str, ty: Ty) -> Json {
        let rng = &mut self.rng;
        match ty {
            // Keys look like the GUIDs Intune uses.
            Ty::Primitive(Primitive::String) if name == "id" => Json::Str(guid(rng)),
            Ty::Primitive(Primitive::String) => Json::Str(format!("{} value", title(name))),
            Ty::Primitive(Primitive::Boolean) => Json::Raw(rng.chance(60).to_string()),
            Ty::Primitive(Primitive::Int32) => Json::Raw(rng.below(11).to_string()),
            Ty::Primitive(Primitive::Int64) => Json::Raw((rng.next() >> 24).to_string()),
            Ty::Primitive(Primitive::Double) => {
                Json::Raw((*rng.pick(&["4.2", "0.5", "99.9", "1.25"])).into())
            }
            Ty::Primitive(Primitive::Single) => {
                Json::Raw((*rng.pick(&["1.5", "0.25", "2.75"])).into())
            }
            Ty::Primitive(Primitive::DateTimeOffset) => {
                let zone = *rng.pick(&["-08:00", "Z", "+01:00"]);
                Json::Str(format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}{zone}",
                    rng.between(2016, 2024),
                    rng.between(1, 12),
                    rng.between(1, 28),
                    rng.below(24),
                    rng.below(60),
                    rng.below(60),
                    rng.below(10_000_000)
                ))
            }
            Ty::Primitive(Primitive::Guid) => Json::Str(guid(rng)),
            Ty::Primitive(Primitive::Binary) => {
                Json::Str((*rng.pick(&["AAECAwQFBgc=", "PD94bWw+", "SGVsbG8gR3JhcGg="])).into())
            }
            Ty::Primitive(Primitive::Duration) => Json::Str(
                (*rng.pick(&["PT1H", "P1DT2H30M", "PT30M", "PT0.5S", "-PT15M", "P7D"])).into(),
            ),
            Ty::Primitive(Primitive::TimeOfDay) => Json::Str(format!(
                "{:02}:{:02}:{:02}.{:07}",
                rng.below(24),
                rng.below(60),
                rng.below(60),
                rng.below(10_000_000)
            )),
            Ty::Primitive(Primitive::Date) => Json::Str(format!(
                "{:04}-{:02}-{:02}",
                rng.between(2016, 2024),
                rng.between(1, 12),
                rng.between(1, 28)
            )),
            Ty::Primitive(other) => Json::Str(format!("{} value", other.documented())),
            Ty::Enum(e) => {
                let enumeration = &self.resources[e].enumeration;
                let members: Vec<&str> = enumeration
                    .members
                    .iter()
                    .map(|(name, _, _)| name.as_str())
                    .filter(|name| *name != UNKNOWN_FUTURE_VALUE)
                    .collect();
                let first = *rng.pick(&members);
                if enumeration.flags && members.len() > 1 && rng.chance(50) {
                    let second = members.iter().find(|m| **m != first).copied();
                    Json::Str(format!("{first},{}", second.unwrap_or(first)))
                } else {
                    Json::Str(first.to_owned())
                }
            }
            Ty::Complex(c) => {
                let complex = &self.resources[c].complex;
                // Nested values carry `@odata.type` without `#`, as the pages show them.
                let mut entries = vec![(
                    "@odata.type".to_owned(),
                    Json::Str(format!("microsoft.graph.{}", complex.name)),
                )];
                let properties = complex.properties.clone();
                for property in &properties {
                    entries.push((property.name.clone(), self.value(property)));
                }
                Json::Object(entries)
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering: the plan as spec values, written by the spec's own writer

/// A spec file's bytes. Synthesized values are plain text the writer always accepts.
fn yaml(file: &SpecFile) -> Vec<u8> {
    spec::to_yaml(file)
        .unwrap_or_else(|error| panic!("a synthesized spec file does not serialize: {error}"))
        .into_bytes()
}

fn api_yaml(resources: usize, seed: u64) -> Vec<u8> {
    yaml(&SpecFile::Api(Box::new(spec::Api {
        namespace: unlocated("microsoft.graph".to_owned()),
        version: unlocated("beta".to_owned()),
        notes: vec![note(
            NoteKind::Important,
            "Microsoft Graph APIs under the /beta version are subject to change; production use is not supported.",
        )],
        krate: spec::CrateSettings {
            name: unlocated("msgraph-beta-synthetic".to_owned()),
            version: unlocated("0.1.0".to_owned()),
            description: format!(
                "Synthetic Graph-shaped models and requests for benchmarks: {resources} resources, seed {seed}"
            ),
            runtime_path: None,
        },
    })))
}

const LICENSE_NOTE: &str = "The Microsoft Graph API for Intune requires an [active Intune license](https://go.microsoft.com/fwlink/?linkid=839381) for the tenant.";

const EXAMPLE_RESPONSE: &str = "Here is an example of the response. Note: The response object shown here may be truncated for brevity. All of the properties will be returned from an actual call.";

fn note(kind: NoteKind, text: &str) -> spec::Note {
    spec::Note {
        kind,
        text: text.to_owned(),
    }
}

fn page(source: String, important: Option<&str>) -> spec::Page {
    let mut notes: Vec<spec::Note> = important
        .map(|text| note(NoteKind::Important, text))
        .into_iter()
        .collect();
    notes.push(note(NoteKind::Note, LICENSE_NOTE));
    spec::Page {
        source: unlocated(source),
        notes,
        derived: false,
    }
}

/// The page of a documented type of `area`.
fn resource_page(area: &str, name: &str, important: Option<&str>) -> spec::Page {
    page(
        format!("beta/resources/{}.md", page_stem(area, name)),
        important,
    )
}

/// One of the five operations of a resource.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    List,
    Get,
    Create,
    Update,
    Delete,
}

impl Synth {
    /// The spec files of resource `index`.
    fn render(&mut self, index: usize) -> Vec<Source> {
        // Example values come from a generator of their own per resource, so a resource's
        // files do not depend on how many resources follow it.
        self.rng = Rng(self.seed ^ (index as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let resource = &self.resources[index];
        let area = resource.area.page;
        let folder = Path::new(ROOT).join(&resource.folder);
        let file = |name: &str, suffix: &str| -> PathBuf {
            folder.join(format!("{}{suffix}.yaml", page_stem(area, name)))
        };
        let mut sources = vec![
            Source {
                file: file(&resource.enumeration.name, ""),
                bytes: yaml(&self.enum_file(index)),
            },
            Source {
                file: file(&resource.complex.name, ""),
                bytes: yaml(&self.type_file(index, false)),
            },
            Source {
                file: file(&resource.entity.name, ""),
                bytes: yaml(&self.type_file(index, true)),
            },
        ];
        // One instance of the entity, shown by every example, as the pages do.
        let properties = self.resources[index].entity.properties.clone();
        let instance: Vec<(Property, Json)> = properties
            .into_iter()
            .map(|property| {
                let value = self.value(&property);
                (property, value)
            })
            .collect();
        for op in [Op::List, Op::Get, Op::Create, Op::Update, Op::Delete] {
            let resource = &self.resources[index];
            sources.push(Source {
                file: file(&resource.entity.name, &format!("-{}", op.suffix())),
                bytes: yaml(&endpoint_file(resource, op, &instance)),
            });
        }
        sources
    }

    fn enum_file(&self, index: usize) -> SpecFile {
        let resource = &self.resources[index];
        let enumeration = &resource.enumeration;
        let members = enumeration
            .members
            .iter()
            .map(|(name, value, description)| spec::Member {
                name: unlocated(name.clone()),
                value: *value,
                description: description.clone(),
            })
            .collect();
        SpecFile::Enum(Box::new(spec::Enumeration {
            name: unlocated(enumeration.name.clone()),
            description: enumeration.description.clone(),
            page: resource_page(resource.area.page, &enumeration.name, None),
            members,
            flags: enumeration.flags,
            overrides: spec::Overrides::default(),
        }))
    }

    fn type_name(&self, ty: Ty, collection: bool) -> String {
        let name = match ty {
            Ty::Primitive(primitive) => primitive.documented().to_owned(),
            Ty::Enum(e) => self.resources[e].enumeration.name.clone(),
            Ty::Complex(c) => self.resources[c].complex.name.clone(),
        };
        if collection {
            format!("{name} collection")
        } else {
            name
        }
    }

    fn type_file(&self, index: usize, entity: bool) -> SpecFile {
        let resource = &self.resources[index];
        let ty = if entity {
            &resource.entity
        } else {
            &resource.complex
        };
        let base = ty.base.map(|base| {
            let base = &self.resources[base];
            if entity {
                base.entity.name.clone()
            } else {
                base.complex.name.clone()
            }
        });
        let properties = ty
            .properties
            .iter()
            .map(|property| spec::Property {
                name: unlocated(property.name.clone()),
                ty: unlocated(self.type_name(property.ty, property.collection)),
                description: property.description.clone(),
                create: entity && property.create,
            })
            .collect();
        let documented = spec::Entity {
            name: unlocated(ty.name.clone()),
            description: ty.description.clone(),
            page: resource_page(
                resource.area.page,
                &ty.name,
                resource.important.as_deref().filter(|_| entity),
            ),
            key: entity.then(|| unlocated("id".to_owned())),
            base_type: base.map(unlocated),
            properties,
            relationships: Vec::new(),
            overrides: spec::Overrides::default(),
        };
        if entity {
            SpecFile::Entity(Box::new(documented))
        } else {
            SpecFile::ComplexType(Box::new(documented))
        }
    }
}

impl Op {
    /// The page's file name suffix, after the entity's page stem and a `-`.
    fn suffix(self) -> &'static str {
        match self {
            Op::List => "list",
            Op::Get => "get",
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

fn header(name: &str, value: &str, required: bool) -> spec::Header {
    spec::Header {
        name: name.to_owned(),
        value: value.to_owned(),
        required,
    }
}

fn example_headers(content_type: &str, length: &str, body: &str) -> Vec<spec::ExampleHeader> {
    [
        (content_type, "application/json".to_owned()),
        (length, body.len().to_string()),
    ]
    .into_iter()
    .map(|(name, value)| spec::ExampleHeader {
        name: name.to_owned(),
        value,
    })
    .collect()
}

fn endpoint_file(resource: &Resource, op: Op, instance: &[(Property, Json)]) -> SpecFile {
    let entity = &resource.entity.name;
    let area = resource.area;
    let link = link(area.page, entity);
    let id = format!("{entity}Id");
    let collection_path = format!("/{}/{entity}s", area.root);
    let item_path = format!("{collection_path}/{{{id}}}");
    let (name, summary, method, path) = match op {
        Op::List => (
            format!("List {entity}s"),
            format!("List properties and relationships of the {link} objects."),
            HttpMethod::Get,
            &collection_path,
        ),
        Op::Get => (
            format!("Get {entity}"),
            format!("Read properties and relationships of the {link} object."),
            HttpMethod::Get,
            &item_path,
        ),
        Op::Create => (
            format!("Create {entity}"),
            format!("Create a new {link} object."),
            HttpMethod::Post,
            &collection_path,
        ),
        Op::Update => (
            format!("Update {entity}"),
            format!("Update the properties of a {link} object."),
            HttpMethod::Patch,
            &item_path,
        ),
        Op::Delete => (
            format!("Delete {entity}"),
            format!("Deletes a {link}."),
            HttpMethod::Delete,
            &item_path,
        ),
    };
    let read = matches!(op, Op::List | Op::Get);
    let scopes: Vec<String> = if read {
        vec![
            format!("{}.Read.All", area.scope),
            format!("{}.ReadWrite.All", area.scope),
        ]
    } else {
        vec![format!("{}.ReadWrite.All", area.scope)]
    };
    let permissions = spec::Permissions {
        delegated_work_or_school: scopes.clone(),
        delegated_personal_account: Vec::new(),
        application: scopes,
    };
    let headers = vec![
        header("Authorization", "Bearer <token>", true),
        header("Accept", "application/json", false),
    ];

    let object = |odata: &str, keep: &dyn Fn(&Property) -> bool| {
        let mut entries = vec![("@odata.type".to_owned(), Json::Str(odata.to_owned()))];
        for (property, value) in instance {
            if keep(property) {
                entries.push((property.name.clone(), value.clone()));
            }
        }
        Json::Object(entries)
    };
    let odata = format!("#microsoft.graph.{entity}");
    let full = object(&odata, &|_| true);
    let request_body = object(&odata, &|p| p.create && p.name != "id");

    let (request_body_section, response, request_json, response_json) = match op {
        Op::List => (
            None,
            response_section(
                SuccessStatus::Ok,
                Some(entity),
                true,
                format!(
                    "If successful, this method returns a `200 OK` response code and a collection of {link} objects in the response body."
                ),
            ),
            None,
            Some(Json::Object(vec![(
                "value".to_owned(),
                Json::Array(vec![full]),
            )])),
        ),
        Op::Get => (
            None,
            response_section(
                SuccessStatus::Ok,
                Some(entity),
                false,
                format!(
                    "If successful, this method returns a `200 OK` response code and {link} object in the response body."
                ),
            ),
            None,
            Some(full),
        ),
        Op::Create => (
            Some(body_section(
                entity,
                format!(
                    "In the request body, supply a JSON representation for the {entity} object."
                ),
            )),
            response_section(
                SuccessStatus::Created,
                Some(entity),
                false,
                format!(
                    "If successful, this method returns a `201 Created` response code and a {link} object in the response body."
                ),
            ),
            Some(request_body),
            Some(full),
        ),
        Op::Update => (
            Some(body_section(
                entity,
                format!("In the request body, supply a JSON representation for the {link} object."),
            )),
            response_section(
                SuccessStatus::Ok,
                Some(entity),
                false,
                format!(
                    "If successful, this method returns a `200 OK` response code and an updated {link} object in the response body."
                ),
            ),
            Some(request_body),
            Some(full),
        ),
        Op::Delete => (
            None,
            response_section(
                SuccessStatus::NoContent,
                None,
                false,
                "If successful, this method returns a `204 No Content` response code.".to_owned(),
            ),
            None,
            None,
        ),
    };

    let request_text = request_json.map(|json| json.pretty());
    let response_text = response_json.map(|json| json.pretty());
    let example = spec::Example {
        request: spec::ExampleRequest {
            description: "Here is an example of the request.".to_owned(),
            method: method.as_str().to_owned(),
            url: format!("https://graph.microsoft.com/beta{path}"),
            headers: request_text.as_deref().map_or_else(Vec::new, |body| {
                example_headers("Content-type", "Content-length", body)
            }),
            body: request_text.map(unlocated),
        },
        response: spec::ExampleResponse {
            description: EXAMPLE_RESPONSE.to_owned(),
            status: response.status.value.code(),
            headers: response_text.as_deref().map_or_else(Vec::new, |body| {
                example_headers("Content-Type", "Content-Length", body)
            }),
            body: response_text.map(unlocated),
        },
    };
    let path_parameters = if matches!(op, Op::Get | Op::Update | Op::Delete) {
        vec![spec::PathParameter {
            name: unlocated(id),
            description: None,
        }]
    } else {
        Vec::new()
    };
    SpecFile::Endpoint(Box::new(spec::Endpoint {
        name: unlocated(name),
        summary,
        page: page(
            format!(
                "beta/api/{}-{}.md",
                page_stem(area.page, entity),
                op.suffix()
            ),
            None,
        ),
        method: unlocated(method),
        path: unlocated(path.clone()),
        additional_paths: Vec::new(),
        odata_query_parameters: read,
        query_parameters: Vec::new(),
        path_parameters,
        headers,
        permissions,
        national_clouds: Some(vec![unlocated(NationalCloud::Global)]),
        request_body: request_body_section,
        response,
        examples: vec![example],
        overrides: spec::Overrides::default(),
    }))
}

fn body_section(entity: &str, description: String) -> spec::RequestBody {
    spec::RequestBody {
        ty: Some(unlocated(entity.to_owned())),
        description,
        parameters: Vec::new(),
        placement: spec::Placement::Body,
        content: BodyContent::Json,
    }
}

fn response_section(
    status: SuccessStatus,
    ty: Option<&str>,
    collection: bool,
    description: String,
) -> spec::Response {
    spec::Response {
        status: unlocated(status),
        ty: ty.map(|ty| unlocated(ty.to_owned())),
        collection,
        content: BodyContent::Json,
        location: false,
        description,
    }
}

// ---------------------------------------------------------------------------------------------
// Words

/// The file stem of a documented type's page: `intune-<area>-<name in lower case>`.
fn page_stem(area: &str, name: &str) -> String {
    format!("intune-{area}-{}", name.to_lowercase())
}

/// A markdown link to a documented type's page, as pages link to each other.
fn link(area: &str, name: &str) -> String {
    format!("[{name}](../resources/{}.md)", page_stem(area, name))
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `deviceComplianceWidget42` → `device compliance widget42`.
fn words_of(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push(' ');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_lowercase());
    }
    out.replace('_', " ")
}

/// `a` or `an`, as `words` starts.
fn article(words: &str) -> &'static str {
    if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// `lastModifiedDateTime` → `Last modified date time`.
fn sentence(name: &str) -> String {
    capitalized(&words_of(name))
}

/// `displayName` → `Display Name`, as the pages' example values read.
fn title(name: &str) -> String {
    words_of(name)
        .split(' ')
        .map(capitalized)
        .collect::<Vec<_>>()
        .join(" ")
}
