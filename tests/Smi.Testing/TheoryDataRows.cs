using Xunit;

namespace Smi.Testing;

/// <summary>Theory data of single strings.</summary>
public sealed class TheoryDataRows : TheoryData<string>;
