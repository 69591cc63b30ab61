/*
 * imxflash blinky example: toggles GPIO1_IO09 (the user LED of the
 * MIMXRT1050-EVKB, pad GPIO_AD_B0_09) in a busy loop.
 *
 * It deliberately keeps
 *   - a non-zero initialised global (.data)  -> exercises the LMA->VMA copy,
 *   - a zero-initialised global      (.bss)  -> exercises the .bss clear,
 *   - a small const table            (.rodata),
 * so that the built images have real .text, .rodata, .data and .bss.
 *
 * No clock, watchdog or cache set-up: the boot ROM's state is used as is.
 */
#include <stdint.h>

/*
 * Register addresses: taken from the i.MX RT1050 reference manual
 * (IMXRT1050RM) memory map / IOMUXC and GPIO chapters. NOT verified on
 * hardware or against the manual as part of this project.
 *   GPIO1 base 0x401B8000: DR (data) at +0x0, GDIR (direction) at +0x4.
 *   IOMUXC SW_MUX_CTL_PAD_GPIO_AD_B0_09 at 0x401F80E0; MUX_MODE ALT5 (5)
 *   selects GPIO1_IO09.
 */
#define GPIO1_DR          (*(volatile uint32_t *)0x401B8000u)
#define GPIO1_GDIR        (*(volatile uint32_t *)0x401B8004u)
#define IOMUXC_MUX_AD_B0_09 (*(volatile uint32_t *)0x401F80E0u)

#define MUX_MODE_ALT5     5u
#define LED_PIN           9u
#define LED_MASK          (1u << LED_PIN)

/* .data: non-zero initial value, must arrive via the startup copy
 * (XIP: from flash; RAM variants: copied by the ROM with the image). */
volatile uint32_t blink_delay = 0x00080000u;

/* .bss: must read as zero after the startup clear. */
volatile uint32_t blink_count;

/* .rodata: on/off pattern, indexed modulo 8. */
static const uint8_t blink_pattern[8] = {1, 0, 1, 0, 1, 1, 0, 0};

static void delay(uint32_t n)
{
    while (n-- != 0u) {
        __asm volatile("nop");
    }
}

int main(void)
{
    IOMUXC_MUX_AD_B0_09 = MUX_MODE_ALT5;
    GPIO1_GDIR |= LED_MASK;

    for (;;) {
        uint32_t step = blink_count & 7u;
        if (blink_pattern[step] != 0u) {
            GPIO1_DR |= LED_MASK;
        } else {
            GPIO1_DR &= ~LED_MASK;
        }
        blink_count = blink_count + 1u;
        delay(blink_delay);
    }
}
