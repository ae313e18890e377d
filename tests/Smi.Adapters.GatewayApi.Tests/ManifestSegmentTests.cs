using Smi.Adapters.GatewayApi.Migration;

namespace Smi.Adapters.GatewayApi.Tests;

public class ManifestSegmentTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a: 1\n")]
    [InlineData("---\na: 1\n---\nb: 2")]
    [InlineData("# head\r\na: 1\r\n--- # doc\r\nb: 2\r\n...\r\n---\r\n")]
    [InlineData("a: |\n  ---not a separator\n----\n--- {c: 3}\n")]
    public void Segments_GiveTheTextBack(string text)
    {
        Assert.Equal(text, string.Concat(ManifestSegment.Split(text).Select(s => s.Text)));
    }

    [Fact]
    public void Split_FindsDocumentsAndLines()
    {
        var segments = ManifestSegment.Split("# c\na: 1\n---\nb: 2\n--- \nc: 3\n");
        Assert.Equal([1, 3, 5], segments.Select(s => s.FirstLine));
        Assert.Equal(["", "---\n", "--- \n"], segments.Select(s => s.Separator));
    }

    [Fact]
    public void LeadingComments_StopAtTheFirstContentLine()
    {
        var segment = ManifestSegment.Split("---\n# about it\n\napiVersion: v1\n# inner\n")[0];
        Assert.Equal("# about it\n\n", segment.LeadingComments());
    }
}
