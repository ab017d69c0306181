//! The policies: an empty group is NULL, a null input row is skipped, an
//! invalid value is a query error naming the function, the value and the range.

use datafusion::arrow::array::AsArray;

use crate::common::{ctx, error, f64_at, query, u64_at};

#[tokio::test]
async fn an_empty_group_is_null_never_zero() {
    let ctx = ctx(2);
    let r = query(
        &ctx,
        "SELECT nps(s), asa(w, a), service_level(w, a, 20, 'ignore') \
                         FROM (VALUES (9, 1.0, true)) AS t(s, w, a) WHERE s > 100",
    )
    .await
    .unwrap();
    assert_eq!(r.num_rows(), 1);
    for c in 0..3 {
        assert!(r.column(c).is_null(0), "column {c}");
    }
    // A group whose rows are all null is empty too.
    let r = query(
        &ctx,
        "SELECT g, nps(CASE WHEN g = 1 THEN NULL ELSE s END) FROM \
                         (VALUES (1, 9), (2, 10), (2, 0)) AS t(g, s) GROUP BY g ORDER BY g",
    )
    .await
    .unwrap();
    assert_eq!(f64_at(&r, 1, "value", 0), None);
    assert_eq!(f64_at(&r, 1, "value", 1), Some(0.0));
}

#[tokio::test]
async fn null_rows_are_skipped_and_n_counts_the_rest() {
    let ctx = ctx(2);
    let r = query(&ctx, "SELECT nps(s), asa(w, a) FROM \
                         (VALUES (10, 10.0, true), (NULL, NULL, true), (0, 30.0, NULL), (9, 20.0, true)) AS t(s, w, a)")
        .await
        .unwrap();
    assert_eq!(u64_at(&r, 0, "n", 0), Some(3));
    assert_eq!(f64_at(&r, 0, "value", 0), Some(100.0 / 3.0));
    assert_eq!(u64_at(&r, 1, "n", 0), Some(2));
    assert_eq!(f64_at(&r, 1, "value", 0), Some(15.0));
}

#[tokio::test]
async fn invalid_values_are_errors_naming_function_value_and_range() {
    let ctx = ctx(2);
    let e = error(&ctx, "SELECT nps(s) FROM (VALUES (9), (11)) AS t(s)").await;
    assert!(
        e.contains("nps: ") && e.contains("11") && e.contains("between 0 and 10"),
        "{e}"
    );
    let e = error(&ctx, "SELECT csat(s, 1, 5, 4) FROM (VALUES (6)) AS t(s)").await;
    assert!(
        e.contains("csat: ") && e.contains('6') && e.contains('1') && e.contains('5'),
        "{e}"
    );
    let e = error(&ctx, "SELECT asa(w, true) FROM (VALUES (-1.5)) AS t(w)").await;
    assert!(
        e.contains("asa: ") && e.contains("-1.5") && e.contains("0 or more"),
        "{e}"
    );
    let e = error(&ctx, "SELECT aht(CAST('NaN' AS DOUBLE), 0, 0)").await;
    assert!(e.contains("aht: ") && e.contains("NaN"), "{e}");
    let e = error(
        &ctx,
        "SELECT service_level(w, true, 20, 'sometimes') FROM (VALUES (1.0)) AS t(w)",
    )
    .await;
    assert!(
        e.contains("service_level") && e.contains("sometimes") && e.contains("count_against"),
        "{e}"
    );
    let e = error(&ctx, "SELECT fcr(c) FROM (VALUES (0)) AS t(c)").await;
    assert!(e.contains("fcr: ") && e.contains('0'), "{e}");
    let e = error(&ctx, "SELECT cost_per_unit(c) FROM (VALUES (1.5)) AS t(c)").await;
    assert!(
        e.contains("cost_per_unit") && e.contains("not a float"),
        "{e}"
    );
    let e = error(
        &ctx,
        "SELECT csat(s, 1, 5, x) FROM (VALUES (4, 4)) AS t(s, x)",
    )
    .await;
    assert!(
        e.contains("csat") && e.contains("satisfied_from") && e.contains("literal"),
        "{e}"
    );
}

#[tokio::test]
async fn money_is_exact() {
    let ctx = ctx(2);
    let r = query(
        &ctx,
        "SELECT cost_per_unit(c) FROM (VALUES ('0.10'), ('0.20'), ('0.30')) AS t(c)",
    )
    .await
    .unwrap();
    let s = crate::common::structs(&r, 0);
    assert_eq!(
        s.column_by_name("value")
            .unwrap()
            .as_string::<i32>()
            .value(0),
        "0.20"
    );
    assert_eq!(
        s.column_by_name("total")
            .unwrap()
            .as_string::<i32>()
            .value(0),
        "0.60"
    );
}

#[tokio::test]
async fn an_unsigned_column_beyond_bigint_is_the_functions_error() {
    use std::sync::Arc;

    use datafusion::arrow::array::{RecordBatch, UInt64Array};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};

    let ctx = ctx(2);
    let schema = Schema::new(vec![Field::new("u", DataType::UInt64, true)]);
    let batch = RecordBatch::try_new(
        Arc::new(schema),
        vec![Arc::new(UInt64Array::from(vec![
            Some(9),
            None,
            Some(u64::MAX),
        ]))],
    )
    .unwrap();
    crate::common::register(&ctx, "t", &batch, 2).unwrap();
    // A cast to BIGINT would fail with Arrow's message, naming no function.
    let e = error(&ctx, "SELECT nps(u) FROM t").await;
    assert!(
        e.contains("nps: integer 18446744073709551615 is out of range"),
        "{e}"
    );
    // Money is exact beyond BIGINT: read as DECIMAL(20, 0).
    let r = query(&ctx, "SELECT cost_per_unit(u) FROM t").await.unwrap();
    let total = crate::common::structs(&r, 0)
        .column_by_name("total")
        .unwrap()
        .as_string::<i32>()
        .value(0)
        .to_owned();
    assert_eq!(total, "18446744073709551624");
    // Within BIGINT, the figure.
    let r = query(&ctx, "SELECT nps(u) FROM t WHERE u < 10")
        .await
        .unwrap();
    assert_eq!(f64_at(&r, 0, "value", 0), Some(100.0));
    assert_eq!(u64_at(&r, 0, "n", 0), Some(1));
}
