namespace Hnv.Controller.Hosting;

/// <summary>The controller cannot start for a reason an operator fixes (the message says how); it exits 1 with it.</summary>
internal sealed class ControllerStartException(string message, Exception? inner = null) : Exception(message, inner);
