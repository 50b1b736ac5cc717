//! Which answers are retried, and after how long.

use std::time::{Duration, SystemTime};

use http::header::RETRY_AFTER;
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use msgraph_beta::runtime::RetryPolicy;
use proptest::prelude::*;

fn headers(retry_after: Option<&str>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Some(value) = retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).expect("header"));
    }
    headers
}

fn delay(method: Method, status: u16, retry_after: Option<&str>, retry: u32) -> Option<Duration> {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    RetryPolicy::default().delay(
        &method,
        StatusCode::from_u16(status).expect("status"),
        &headers(retry_after),
        retry,
        now,
    )
}

#[test]
fn retry_after_in_seconds_or_as_a_date_is_honoured() {
    assert_eq!(
        delay(Method::GET, 429, Some("7"), 1),
        Some(Duration::from_secs(7))
    );
    // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
    assert_eq!(
        delay(Method::GET, 503, Some("Tue, 14 Nov 2023 22:13:50 GMT"), 1),
        Some(Duration::from_secs(30))
    );
    assert_eq!(
        delay(Method::GET, 503, Some("Tue, 14 Nov 2023 22:00:00 GMT"), 1),
        Some(Duration::ZERO),
        "a past date: now"
    );
    assert_eq!(
        delay(Method::GET, 429, Some("3600"), 1),
        Some(Duration::from_secs(60)),
        "capped at max_delay"
    );
}

#[test]
fn without_retry_after_idempotent_requests_back_off_exponentially() {
    assert_eq!(
        delay(Method::GET, 504, None, 1),
        Some(Duration::from_secs(1))
    );
    assert_eq!(
        delay(Method::DELETE, 503, None, 2),
        Some(Duration::from_secs(2))
    );
    assert_eq!(
        delay(Method::PUT, 429, Some("soon"), 3),
        Some(Duration::from_secs(4)),
        "an unreadable Retry-After is ignored"
    );
    assert_eq!(
        delay(Method::GET, 429, None, 4),
        None,
        "three retries at most"
    );
}

#[test]
fn requests_that_are_not_idempotent_are_retried_only_when_asked() {
    assert_eq!(
        delay(Method::PATCH, 429, Some("2"), 1),
        Some(Duration::from_secs(2))
    );
    assert_eq!(
        delay(Method::POST, 503, Some("2"), 1),
        Some(Duration::from_secs(2))
    );
    assert_eq!(delay(Method::PATCH, 429, None, 1), None);
    assert_eq!(delay(Method::PATCH, 504, Some("2"), 1), None);
}

#[test]
fn other_statuses_are_never_retried() {
    for status in [200, 204, 400, 401, 403, 404, 409, 500, 502] {
        assert_eq!(delay(Method::GET, status, Some("1"), 1), None, "{status}");
    }
    let never = RetryPolicy::none();
    let now = SystemTime::now();
    assert_eq!(
        never.delay(
            &Method::GET,
            StatusCode::TOO_MANY_REQUESTS,
            &headers(Some("1")),
            1,
            now
        ),
        None
    );
}

/// `Retry-After` as a server may send it: huge or negative numbers, dates of any year, noise.
fn retry_after() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,40}",
        "-[0-9]{1,20}",
        any::<u64>().prop_map(|n| n.to_string()),
        "(Mon|Fri), [0-3][0-9] (Jan|Dec) [0-9]{4,6} [0-2][0-9]:[0-5][0-9]:[0-5][0-9] GMT",
        "[ -~]{0,40}",
    ]
}

fn duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        Just(Duration::ZERO),
        Just(Duration::MAX),
        (any::<u64>(), 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
    ]
}

proptest! {
    #[test]
    fn extreme_values_never_panic_and_the_wait_stays_capped(
        value in retry_after(),
        max_retries in any::<u32>(),
        initial_backoff in duration(),
        max_delay in duration(),
        retry in any::<u32>(),
        // Up to the end of year 9999, the last an HTTP date can name.
        now in 0u64..=253_402_300_799,
        status in prop::sample::select(vec![429u16, 503, 504]),
        method in prop::sample::select(vec![Method::GET, Method::DELETE, Method::PATCH, Method::POST]),
    ) {
        let policy = RetryPolicy::default()
            .max_retries(max_retries)
            .initial_backoff(initial_backoff)
            .max_delay(max_delay);
        let wait = policy.delay(
            &method,
            StatusCode::from_u16(status).expect("status"),
            &headers(Some(&value)),
            retry,
            SystemTime::UNIX_EPOCH + Duration::from_secs(now),
        );
        if let Some(wait) = wait {
            prop_assert!(wait <= max_delay, "{wait:?} over {max_delay:?}");
            prop_assert!(retry <= max_retries);
        }
    }
}
