package dev.berth.runtime.server.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Answers the errors Jetty finds itself (a bad request line, huge headers) in Docker's shape. */
final class ApiErrorHandler implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
    Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    int code = status instanceof Integer i ? i : 500;
    String text = "bad request: " + (message == null ? "HTTP status " + code : message);
    DockerHeaders.addTo(response.getHeaders());
    ApiResponse.sendError(response, code, text, callback);
    return true;
  }
}
