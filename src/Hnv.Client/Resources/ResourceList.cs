namespace Hnv.Client.Resources;

/// <summary>A listing: the items that matched and the controller's revision they were read at.</summary>
public sealed class ResourceList<T>
{
    public long Revision { get; set; }

    public List<T> Items { get; set; } = [];
}
