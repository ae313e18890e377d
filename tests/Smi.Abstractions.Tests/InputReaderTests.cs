using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;

namespace Smi.Abstractions.Tests;

public class InputReaderTests
{
    [Fact]
    public void Endless_Input_Stops_At_The_Limit()
    {
        var diagnostics = new List<Diagnostic>();
        var reader = new InputReader(new InputLimits { MaxFileBytes = 1 << 20 });

        var text = reader.ReadText(new EndlessReader(), "-", diagnostics);

        Assert.Null(text);
        var refused = Assert.Single(diagnostics);
        Assert.Equal("FileTooLarge", refused.Reason);
        Assert.Equal("-", refused.Location?.File);
        Assert.Equal(0, reader.TotalBytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x0A, 0x62, 0xFF }, 2, "0xFF")]
    [InlineData(new byte[] { 0xC3 }, 1, "0xC3")]
    [InlineData(new byte[] { 0x0A, 0x0A, 0x0A, 0xED, 0xA0, 0x80 }, 4, "0xED")]
    public void Invalid_Utf8_Names_The_Line_And_Byte(byte[] bytes, int line, string shown)
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(InputReader.DecodeUtf8(bytes, "f.yaml", diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal("InvalidUtf8", error.Reason);
        Assert.Equal(new SourceLocation("f.yaml", line), error.Location);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_Order_Mark_Is_Dropped()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Equal("a: é", InputReader.DecodeUtf8([0xEF, 0xBB, 0xBF, .. "a: é"u8], "f.yaml", diagnostics));
        Assert.Empty(diagnostics);
    }

    /// <summary>A reader that never ends, like <c>/dev/zero</c>; it would fail the test after 1 GiB.</summary>
    private sealed class EndlessReader : TextReader
    {
        private long _given;

        public override int Read(char[] buffer, int index, int count)
        {
            _given += count;
            Assert.True(_given < (1L << 30), "the reader kept reading past the limit");
            Array.Fill(buffer, 'a', index, count);
            return count;
        }
    }
}
