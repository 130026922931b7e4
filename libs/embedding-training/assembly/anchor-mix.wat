;; The train-time behaviour mix of a user (see src/aggregation/behaviour-anchor.ts): the anchor row
;; h = keep · u + share · m, u the user's f32 row, m the f64 mean of the user's liked item rows, written as
;; f32. Computed in f64 lanes exactly as the JavaScript it replaces (promote, multiply, multiply, add,
;; round to f32; WebAssembly has no fused multiply-add), so the bits are the same; two f64x2 halves per
;; four floats. `dim` is a multiple of 4; addresses are bytes in the imported memory.
(module
  (import "env" "memory" (memory 1 65536 shared))

  (func (export "mix")
    (param $dst i32) (param $src i32) (param $mean i32) (param $dim i32) (param $keep f64)
    (param $share f64)
    (local $end i32) (local $v v128) (local $keeps v128) (local $shares v128) (local $low v128)
    (local $high v128)
    (local.set $keeps (f64x2.splat (local.get $keep)))
    (local.set $shares (f64x2.splat (local.get $share)))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $dim) (i32.const 2))))
    (loop $next
      (local.set $v (v128.load (local.get $src)))
      (local.set $low (f32x4.demote_f64x2_zero (f64x2.add
        (f64x2.mul (local.get $keeps) (f64x2.promote_low_f32x4 (local.get $v)))
        (f64x2.mul (local.get $shares) (v128.load (local.get $mean))))))
      ;; lanes 2-3 of u moved down to be promoted
      (local.set $high (f32x4.demote_f64x2_zero (f64x2.add
        (f64x2.mul (local.get $keeps) (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
        (f64x2.mul (local.get $shares) (v128.load offset=16 (local.get $mean))))))
      (v128.store (local.get $dst)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $low) (local.get $high)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $mean (i32.add (local.get $mean) (i32.const 32)))
      (br_if $next (i32.lt_u (local.get $dst) (local.get $end))))))
