namespace Smi.Abstractions.Model;

/// <summary>One backend of a <see cref="SplitRule"/>.</summary>
/// <param name="Service">The backend Service name, in the split's namespace.</param>
/// <param name="Weight">
/// The relative weight by value. A split v1alpha1 quantity keeps its value (<c>500m</c> is 0.5, <c>1</c> is 1), so
/// ratios between differently scaled quantities stay right; later versions carry whole numbers.
/// </param>
public sealed record SplitBackend(string Service, decimal Weight);
