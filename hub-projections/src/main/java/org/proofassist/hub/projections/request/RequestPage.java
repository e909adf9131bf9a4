package org.proofassist.hub.projections.request;

import java.util.List;

/** One page of a list of requests. */
public record RequestPage(List<RequestView> items, int page, int size, long total) {}
