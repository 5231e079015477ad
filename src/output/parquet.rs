//! Records as Parquet (`-o FILE.parquet`): one row per record, the contract's fields as
//! columns, in its order; objects as structs and arrays as lists of them, so a reader sees the
//! same record as in the JSONL (pyarrow's `to_pylist()` of a row is the JSON object).
//!
//! Streamed: records wait in a batch of at most [`BATCH_ROWS`] rows or [`BATCH_BYTES`] of text,
//! which is then encoded (zstd) into the row group in progress; a row group is written out once
//! its encoded size reaches [`ROW_GROUP_BYTES`]. Memory stays within about the two limits
//! whatever the number of records.
//!
//! Types are the ones every reader maps without loss: strings, `int32`/`int64`, `bool`,
//! `double` (no unsigned or nanosecond types, which Spark reads poorly); times stay the JSON's
//! ISO 8601 strings.

use std::io::Write;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, Int32Array, Int64Array, ListArray, RecordBatch, StringArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;

use crate::record::Record;

/// Records per batch handed to the encoder.
const BATCH_ROWS: usize = 1024;
/// Text (and other strings) per batch: a batch of long pages is encoded sooner.
const BATCH_BYTES: usize = 32 << 20;
/// Estimated encoded size at which the row group in progress is written out.
const ROW_GROUP_BYTES: usize = 64 << 20;
/// zstd level: the `.zst` output's.
const ZSTD_LEVEL: i32 = 3;

/// Writes records to `W` as a Parquet file; [`ParquetRecords::finish`] writes the footer.
pub struct ParquetRecords<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    batch: Vec<Record>,
    batch_bytes: usize,
}

impl<W: Write + Send> ParquetRecords<W> {
    pub fn new(out: W) -> Result<Self, ParquetError> {
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(ZSTD_LEVEL)?))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .build();
        let schema = schema();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))?;
        Ok(ParquetRecords {
            writer,
            schema,
            batch: Vec::with_capacity(BATCH_ROWS),
            batch_bytes: 0,
        })
    }

    pub fn write(&mut self, record: Record) -> Result<(), ParquetError> {
        self.batch_bytes += record_bytes(&record);
        self.batch.push(record);
        if self.batch.len() >= BATCH_ROWS || self.batch_bytes >= BATCH_BYTES {
            self.write_batch()?;
        }
        Ok(())
    }

    /// Writes what is left and the footer; returns the destination.
    pub fn finish(mut self) -> Result<W, ParquetError> {
        self.write_batch()?;
        self.writer.into_inner()
    }

    fn write_batch(&mut self) -> Result<(), ParquetError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = record_batch(&self.schema, &self.batch)?;
        self.batch.clear();
        self.batch_bytes = 0;
        self.writer.write(&batch)
    }
}

/// The strings a record holds, roughly: what it weighs in a batch.
fn record_bytes(record: &Record) -> usize {
    record.text.len()
        + record.id.len()
        + record.spam.iter().map(|s| s.text.len()).sum::<usize>()
        + record.error.as_ref().map_or(0, |e| e.message.len())
        + 256
}

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn list_of(item: DataType) -> DataType {
    DataType::List(Arc::new(Field::new("element", item, false)))
}

fn encoding_fields() -> Fields {
    Fields::from(vec![
        utf8("name", true),
        utf8("source", true),
        utf8("declared", true),
        Field::new("malformed", DataType::Int64, false),
    ])
}

fn repair_fields() -> Fields {
    Fields::from(vec![utf8("kind", false), Field::new("count", DataType::Int64, false)])
}

fn spam_fields() -> Fields {
    Fields::from(vec![
        utf8("kind", false),
        utf8("where", false),
        Field::new("items", DataType::Int64, false),
        Field::new("known", DataType::Int64, false),
        Field::new("confidence", DataType::Float64, false),
        utf8("text", false),
    ])
}

fn error_fields() -> Fields {
    Fields::from(vec![utf8("kind", false), utf8("message", false)])
}

/// The columns, in the contract's order.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        utf8("id", false),
        utf8("url", true),
        utf8("fetched", true),
        Field::new("http_status", DataType::Int32, true),
        utf8("content_type", true),
        Field::new("truncated", DataType::Boolean, false),
        utf8("kind", false),
        Field::new("encoding", DataType::Struct(encoding_fields()), false),
        Field::new("repairs", list_of(DataType::Struct(repair_fields())), false),
        utf8("lang", true),
        utf8("title", true),
        utf8("author", true),
        utf8("published", true),
        utf8("site", true),
        utf8("source", true),
        Field::new("breadcrumbs", list_of(DataType::Utf8), false),
        utf8("text", false),
        Field::new("spam", list_of(DataType::Struct(spam_fields())), false),
        utf8("fingerprint", false),
        Field::new("error", DataType::Struct(error_fields()), true),
    ]))
}

fn strings<'a>(values: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(values))
}

fn optional_strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

fn int64s(values: impl Iterator<Item = i64>) -> ArrayRef {
    Arc::new(values.collect::<Int64Array>())
}

/// A list column of `rows`, whose row `i` holds `items(i)`, built by `column` from the items.
fn list<'a, T: 'a, R>(
    rows: &'a [R],
    items: impl Fn(&'a R) -> &'a [T],
    item_type: DataType,
    column: impl Fn(&[&'a T]) -> ArrayRef,
) -> Result<ArrayRef, ParquetError> {
    let flat: Vec<&T> = rows.iter().flat_map(|r| items(r).iter()).collect();
    let offsets = OffsetBuffer::from_lengths(rows.iter().map(|r| items(r).len()));
    let field: FieldRef = Arc::new(Field::new("element", item_type, false));
    let array = ListArray::try_new(field, offsets, column(&flat), None)?;
    Ok(Arc::new(array))
}

fn structure(fields: Fields, columns: Vec<ArrayRef>, nulls: Option<NullBuffer>) -> Result<ArrayRef, ParquetError> {
    Ok(Arc::new(StructArray::try_new(fields, columns, nulls)?))
}

/// A record's `f32` confidence as the `f64` its JSON reads as: the shortest decimal of the
/// `f32` (what serde_json writes), not the `f32`'s exact binary value.
fn json_f64(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(f64::from(value))
}

fn record_batch(schema: &SchemaRef, rows: &[Record]) -> Result<RecordBatch, ParquetError> {
    let encoding = structure(
        encoding_fields(),
        vec![
            optional_strings(rows.iter().map(|r| r.encoding.name)),
            optional_strings(rows.iter().map(|r| r.encoding.source)),
            optional_strings(rows.iter().map(|r| r.encoding.declared.as_deref())),
            int64s(rows.iter().map(|r| r.encoding.malformed as i64)),
        ],
        None,
    )?;
    let repairs = list(
        rows,
        |r| &r.repairs[..],
        DataType::Struct(repair_fields()),
        |items| {
            let columns = vec![
                strings(items.iter().map(|r| r.kind)),
                int64s(items.iter().map(|r| r.count as i64)),
            ];
            Arc::new(StructArray::new(repair_fields(), columns, None))
        },
    )?;
    let breadcrumbs = list(
        rows,
        |r| &r.breadcrumbs[..],
        DataType::Utf8,
        |items| strings(items.iter().map(|s| s.as_str())),
    )?;
    let spam = list(
        rows,
        |r| &r.spam[..],
        DataType::Struct(spam_fields()),
        |items| {
            let columns = vec![
                strings(items.iter().map(|s| s.kind)),
                strings(items.iter().map(|s| s.location)),
                int64s(items.iter().map(|s| i64::from(s.items))),
                int64s(items.iter().map(|s| i64::from(s.known))),
                Arc::new(items.iter().map(|s| json_f64(s.confidence)).collect::<Float64Array>()) as ArrayRef,
                strings(items.iter().map(|s| s.text.as_str())),
            ];
            Arc::new(StructArray::new(spam_fields(), columns, None))
        },
    )?;
    let error = structure(
        error_fields(),
        vec![
            strings(rows.iter().map(|r| r.error.as_ref().map_or("", |e| e.kind.as_str()))),
            strings(rows.iter().map(|r| r.error.as_ref().map_or("", |e| e.message.as_str()))),
        ],
        Some(NullBuffer::from_iter(rows.iter().map(|r| r.error.is_some()))),
    )?;
    let columns: Vec<ArrayRef> = vec![
        strings(rows.iter().map(|r| r.id.as_str())),
        optional_strings(rows.iter().map(|r| r.url.as_deref())),
        optional_strings(rows.iter().map(|r| r.fetched.as_deref())),
        Arc::new(
            rows.iter()
                .map(|r| r.http_status.map(i32::from))
                .collect::<Int32Array>(),
        ),
        optional_strings(rows.iter().map(|r| r.content_type.as_deref())),
        Arc::new(rows.iter().map(|r| Some(r.truncated)).collect::<BooleanArray>()),
        strings(rows.iter().map(|r| r.kind.as_str())),
        encoding,
        repairs,
        optional_strings(rows.iter().map(|r| r.lang.as_deref())),
        optional_strings(rows.iter().map(|r| r.title.as_deref())),
        optional_strings(rows.iter().map(|r| r.author.as_deref())),
        optional_strings(rows.iter().map(|r| r.published.as_deref())),
        optional_strings(rows.iter().map(|r| r.site.as_deref())),
        optional_strings(rows.iter().map(|r| r.source.as_deref())),
        breadcrumbs,
        strings(rows.iter().map(|r| r.text.as_str())),
        spam,
        strings(rows.iter().map(|r| r.fingerprint.as_str())),
        error,
    ];
    Ok(RecordBatch::try_new(schema.clone(), columns)?)
}
