using System.Net;
using Hnv.Client.Problems;

namespace Hnv.Client;

/// <summary>
/// The controller answered with an error: the HTTP status and, when it sent one, its problem details with every
/// field that was wrong. <see cref="Exception.Message"/> is a sentence fit to show an operator.
/// </summary>
public sealed class HnvApiException : Exception
{
    public HnvApiException()
    {
    }

    public HnvApiException(string message)
        : base(message)
    {
    }

    public HnvApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HnvApiException(HttpStatusCode status, ApiProblem? problem, string message)
        : base(message)
    {
        Status = status;
        Problem = problem;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem details the controller sent, if any.</summary>
    public ApiProblem? Problem { get; }
}
