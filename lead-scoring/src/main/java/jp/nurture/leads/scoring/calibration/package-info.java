/**
 * Calibration from sales outcomes: per score band how many handed-off leads were accepted, returned and won, and
 * a suggested model fitted by logistic regression on the product's history, back-tested on held-out leads.
 */
@NamedInterface("calibration")
package jp.nurture.leads.scoring.calibration;

import org.springframework.modulith.NamedInterface;
