using System.Text;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

public class CsvRecordReaderTests
{
    private static List<CsvRecord> Read(string text, CsvReaderOptions? options = null) => Read(Encoding.UTF8.GetBytes(text), options);

    private static List<CsvRecord> Read(byte[] bytes, CsvReaderOptions? options = null) =>
        [.. new CsvRecordReader(new MemoryStream(bytes), options).ReadAll()];

    private static void AssertRecord(CsvRecord record, long line, params string[] fields)
    {
        Assert.Null(record.Error);
        Assert.Equal(line, record.Line);
        Assert.Equal(fields, record.Fields);
    }

    [Fact]
    public void ReadAll_QuotedFields_KeepDelimitersQuotesAndNewlines()
    {
        var records = Read("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"line1\nline2\"\nnext,row,here\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["x,1", "say \"hi\"", "line1\nline2"], records[1].Fields);
        Assert.Null(records[1].Error);
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public void ReadAll_RecordAfterEmbeddedNewline_ReportsItsRealLine()
    {
        var records = Read("a,b\n\"one\ntwo\nthree\",x\nnext,row\n");

        Assert.Equal(["next", "row"], records[2].Fields);
        Assert.Equal(5, records[2].Line);
    }

    [Fact]
    public void ReadAll_Utf8Bom_IsNotPartOfTheFirstHeaderName()
    {
        var records = Read([0xEF, 0xBB, 0xBF, .. "type,user\nlogin,bob\n"u8]);

        Assert.Equal("type", records[0].Fields[0]);
        Assert.Equal(["login", "bob"], records[1].Fields);
    }

    [Theory]
    [InlineData("a;b;c\n1;2,5;3\n", (byte)';')]
    [InlineData("a\tb\tc\n1\t2,5\t3\n", (byte)'\t')]
    [InlineData("a,b,c\n1,\"2,5\",3\n", (byte)',')]
    public void Delimiter_IsSniffedFromTheHeaderLine(string text, byte expected)
    {
        var reader = new CsvRecordReader(TestData.Stream(text));
        var records = reader.ReadAll().ToList();

        Assert.Equal(expected, reader.Delimiter);
        Assert.Equal(["1", "2,5", "3"], records[1].Fields);
    }

    [Fact]
    public void Delimiter_CommasInsideQuotedHeaderNames_DoNotOutvoteSemicolons()
    {
        var reader = new CsvRecordReader(TestData.Stream("\"a,b,c\";d;e\n1;2;3\n"));

        Assert.Equal((byte)';', reader.Delimiter);
        Assert.Equal(["a,b,c", "d", "e"], reader.ReadAll().First().Fields);
    }

    [Fact]
    public void ReadAll_InvalidUtf8_IsAnErrorNamingTheColumn_AndNeighboursAreRead()
    {
        byte[] bytes = [.. "a,b\nok,1\nbad,"u8, 0xFF, 0xFE, .. "\nalso,2\n"u8];

        var records = Read(bytes);

        Assert.Equal(4, records.Count);
        Assert.Equal(["ok", "1"], records[1].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Equal("column 2 is not valid UTF-8", records[2].Error);
        Assert.Equal(["also", "2"], records[3].Fields);
        Assert.Null(records[3].Error);
    }

    [Fact]
    public void ReadAll_FieldOverSmallLimit_IsAnError_AndTheFollowingRowsAreRead()
    {
        var records = Read("a,b\n1,0123456789ABCDEF\n2,short\n3,x\n", new CsvReaderOptions { MaxFieldBytes = 10 });

        Assert.Equal(2, records[1].Line);
        Assert.NotNull(records[1].Error);
        Assert.Contains("column 2 is longer than", records[1].Error);
        Assert.Equal(["2", "short"], records[2].Fields);
        Assert.Equal(["3", "x"], records[3].Fields);
    }

    [Fact]
    public void ReadAll_OneMegabyteFieldAgainstDefaultLimit_IsAnError_AndTheFollowingRowsAreRead()
    {
        var text = new StringBuilder("id,payload\n1,").Append('A', 1024 * 1024).Append("\n2,fine\n").ToString();

        var records = Read(text);

        Assert.Equal(3, records.Count);
        Assert.Equal("column 2 is longer than 256 KB", records[1].Error);
        Assert.Equal(["2", "fine"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public void ReadAll_StrayQuoteInsideUnquotedField_IsAnError_AndNextRowIsRead()
    {
        var records = Read("a,b,c\n1,ab\"c,3\n2,ok,4\n");

        Assert.Equal("stray quote in column 2", records[1].Error);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["2", "ok", "4"], records[2].Fields);
        Assert.Equal(3, records[2].Line);
    }

    [Fact]
    public void ReadAll_OpeningQuoteThatNeverCloses_IsReportedAtItsLine_AndLaterRowsAreRead()
    {
        var records = Read("a,b\n1,\"oops\n2,b\n3,c\n");

        Assert.Equal(4, records.Count);
        Assert.Equal(2, records[1].Line);
        Assert.Contains("unterminated quoted field", records[1].Error);
        AssertRecord(records[2], 3, "2", "b");
        AssertRecord(records[3], 4, "3", "c");
    }

    [Fact]
    public void ReadAll_StrayOpeningQuoteClosedByALaterRowsQuote_DoesNotSwallowTheRowsBetween()
    {
        var records = Read("a,b\n1,\"oops\n2,b\n3,\"c\"\n4,d\n");

        Assert.Equal(5, records.Count);
        Assert.Equal(2, records[1].Line);
        Assert.NotNull(records[1].Error);
        Assert.Equal(["2", "b"], records[2].Fields);
        Assert.Equal(["3", "c"], records[3].Fields);
        AssertRecord(records[4], 5, "4", "d");
    }

    [Fact]
    public void ReadAll_QuoteOpenPastMaxQuotedSpan_IsReportedAtItsLine_AndLaterRowsAreRead()
    {
        var text = new StringBuilder("a,b\n1,\"never closed\n");
        for (var i = 0; i < 30_000; i++) text.Append(i).Append(",0123456789012345678901234567890123456789\n");

        var records = Read(text.ToString(), new CsvReaderOptions { MaxQuotedSpanBytes = 1024 * 1024 });

        Assert.Equal(2, records[1].Line);
        Assert.Equal("quoted field in column 2 runs past 1 MB without closing (stray quote?)", records[1].Error);
        Assert.Equal(30_002, records.Count);
        AssertRecord(records[2], 3, "0", "0123456789012345678901234567890123456789");
        AssertRecord(records[^1], 30_002, "29999", "0123456789012345678901234567890123456789");
    }

    [Fact]
    public void ReadAll_TextAfterClosingQuote_IsAnError()
    {
        var records = Read("a,b\n\"x\"y,2\n3,4\n");

        Assert.Equal("unexpected text after the closing quote in column 1", records[1].Error);
        AssertRecord(records[2], 3, "3", "4");
    }

    [Fact]
    public void ReadAll_BlankLines_AreSkipped_ButCountedInLineNumbers()
    {
        var records = Read("a,b\n\n1,2\n\n\n3,4\n");

        Assert.Equal(3, records.Count);
        AssertRecord(records[1], 3, "1", "2");
        AssertRecord(records[2], 6, "3", "4");
    }

    [Fact]
    public void ReadAll_CrlfLineEndings_LeaveNoCarriageReturnInFields()
    {
        var records = Read("a,b\r\n1,2\r\n\"x\r\ny\",3\r\nlast,4\r\n");

        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["1", "2"], records[1].Fields);
        Assert.Equal("x\r\ny", records[2].Fields[0]);
        AssertRecord(records[3], 5, "last", "4");
    }

    [Fact]
    public void ReadAll_LastRecordWithoutNewline_IsRead()
    {
        var records = Read("a,b\n1,2");

        Assert.Equal(["1", "2"], records[1].Fields);
    }
}
