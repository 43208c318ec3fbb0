namespace Hnv.Controller.Api;

/// <summary>The answer to a batch: the revision that holds it and how many items it created.</summary>
public sealed class BatchResult
{
    public long Revision { get; set; }

    public int Created { get; set; }
}
