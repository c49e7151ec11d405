package io.chainfl.ledger.ethereum;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Mining mode of the Hardhat node a test class gets: 0 = one block per transaction, else a block every N ms. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@interface Mining {
    long intervalMs();
}
