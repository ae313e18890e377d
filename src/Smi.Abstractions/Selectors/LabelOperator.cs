namespace Smi.Abstractions.Selectors;

/// <summary>How a label requirement compares an object's label.</summary>
public enum LabelOperator
{
    /// <summary>The label's value is one of the values (<c>k=v</c>, <c>k==v</c>, <c>k in (a,b)</c>).</summary>
    In,

    /// <summary>The label is absent or its value is none of the values (<c>k!=v</c>, <c>k notin (a,b)</c>).</summary>
    NotIn,

    /// <summary>The label is present (<c>k</c>).</summary>
    Exists,

    /// <summary>The label is absent (<c>!k</c>).</summary>
    DoesNotExist,
}
