package org.proofassist.hub.projections.citizen;

import org.proofassist.hub.core.citizen.CitizenIdNumber;

/**
 * The requests about the citizen with this ID number. Answers {@link CitizenRequests}, with no
 * request ids when there are none.
 */
public record FindCitizenRequests(CitizenIdNumber idNumber) {}
