package org.proofassist.hub.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit (64 KiB; 4 MiB for a sealed PDF posted for verification):
 * at once when the length is declared, and while reading when it is not.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

  public static final long LIMIT = 64 * 1024;

  /** The limit for a PDF posted to {@value #PDF_PATH}. */
  public static final long PDF_LIMIT = 4 * 1024 * 1024;

  static final String PDF_PATH = "/api/v1/seals/verify";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limitOf(request);
    if (request.getContentLengthLong() > limit) {
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Body too large\",\"status\":413,"
                  + "\"detail\":\"request bodies are limited to "
                  + limit
                  + " bytes\",\"code\":\"BODY_TOO_LARGE\",\"instance\":\""
                  + request.getRequestURI().replace("\"", "")
                  + "\"}");
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  private static long limitOf(HttpServletRequest request) {
    String type = request.getContentType();
    boolean pdf =
        type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf");
    return pdf && PDF_PATH.equals(request.getRequestURI()) ? PDF_LIMIT : LIMIT;
  }

  private static final class Limited extends HttpServletRequestWrapper {

    private ServletInputStream stream;

    private final long limit;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), limit);
      }
      return stream;
    }
  }

  private static final class Counting extends ServletInputStream {

    private final ServletInputStream delegate;
    private long count;

    private final long limit;

    Counting(ServletInputStream delegate, long limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = delegate.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = delegate.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      delegate.setReadListener(listener);
    }
  }
}
