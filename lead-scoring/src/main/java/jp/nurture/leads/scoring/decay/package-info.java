/** The daily decay: engagement points fade with time, so every product is rescored once a day. */
package jp.nurture.leads.scoring.decay;
